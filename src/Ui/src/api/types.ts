// TypeScript shapes of what the UI selects from the served GraphQL schema. Enums come straight from the schema, and
// every shape below is checked against the types generated from graphql/*.graphql (schema.generated.ts, written at
// build time): a field the UI reads that the schema lacks, or a scalar of the wrong type, fails `tsc`.
import type * as Schema from './schema.generated';

export type EntityType = Schema.EntityType;
export type OwnershipType = Schema.OwnershipType;
export type OwnerKind = Schema.OwnerKind;
export type QueryState = Schema.QueryState;
export type LineageDirection = Schema.LineageDirection;

export interface TagRef { urn: string; name: string; description?: string | null }
export interface TermRef { urn: string; name: string }
export interface Owner { urn: string; name: string; kind: OwnerKind; ownershipType: OwnershipType }
export interface Deprecation { deprecated: boolean; note?: string | null; actor?: string | null; at?: string | null }

export interface Column {
  urn: string;
  name: string;
  type?: string | null;
  nullable: boolean;
  ordinal: number;
  description?: string | null;
  isPrimaryKey: boolean;
  foreignKey?: { dataset: string; column: string } | null;
  tags: TagRef[];
  glossaryTerms: TermRef[];
}

export interface DatasetSummary {
  urn: string;
  name: string;
  platform: string;
  kind: Schema.DatasetKind;
  description?: string | null;
  updatedAt: string;
  tags: TagRef[];
  deprecation?: Deprecation | null;
}

export interface Dataset extends DatasetSummary {
  catalog: string;
  schema: string;
  table: string;
  customProperties: { key: string; value: string }[];
  columns: Column[];
  schemaVersion: number;
  viewSql?: string | null;
  rowCount?: number | null;
  sizeBytes?: number | null;
  owners: Owner[];
  glossaryTerms: TermRef[];
  domain?: { urn: string; name: string } | null;
  removed: boolean;
  createdAt: string;
  upstreamCount: number;
  downstreamCount: number;
  documents: { urn: string; name: string }[];
}

export interface ColumnProfile {
  nullCount: number;
  nullFraction?: number | null;
  distinctCount?: number | null;
  distinctApproximate: boolean;
  min?: string | null;
  max?: string | null;
  mean?: number | null;
  stddev?: number | null;
  minLength?: number | null;
  maxLength?: number | null;
  meanLength?: number | null;
  topValues: { value?: string | null; count: number }[];
  histogram: { lower: string; upper: string; count: number }[];
  redacted: boolean;
}

export interface DatasetProfile {
  rowCount?: number | null;
  profiledAt: string;
  sampled: boolean;
  sampleSize: number;
  freshnessColumn?: string | null;
  freshness?: string | null;
}

/** A dataset's profile with each column's statistics, as the Profile tab reads them. */
export interface ProfiledDataset {
  profile?: DatasetProfile | null;
  columns: { name: string; type?: string | null; ordinal: number; profile?: ColumnProfile | null }[];
}

export interface ChangeEvent {
  id: string;
  aspect: string;
  actor: string;
  at: string;
  summary: string;
  before?: unknown;
  after?: unknown;
  schemaChangeImpact?: SchemaChangeImpact | null;
}

/** What a schema change that dropped, renamed or retyped columns reached downstream. */
export interface SchemaChangeImpact {
  truncated: boolean;
  columns: { dataset: string; column: string; depth: number; source: string }[];
  jobs: { urn: string; name: string }[];
}

export interface QueryError { message: string; line?: number | null; column?: number | null; kind: string }

export interface QueryRun {
  id: string;
  sql: string;
  state: QueryState;
  purpose: Schema.QueryPurpose;
  user: string;
  submittedAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  elapsedMs?: number | null;
  rowCount?: number | null;
  truncated: boolean;
  error?: QueryError | null;
  datasets: string[];
}

export interface DatasetUsage {
  queryCount: number;
  distinctUsers: number;
  lastQueriedAt?: string | null;
  topUsers: { user: string; count: number }[];
  commonlyJoinedWith: { dataset: string; count: number }[];
  recentQueries: QueryRun[];
}

export interface Caller {
  user: { urn: string; name: string; displayName?: string | null };
  groups: { name: string }[];
  isAdmin: boolean;
  canEdit: boolean;
}

export interface Highlight { field: string; value: string; snippet: string }
export interface FacetValue { value: string; count: number }
export interface Facet { field: string; values: FacetValue[] }

export interface SearchEntity {
  __typename: string;
  urn: string;
  name: string;
  type: EntityType;
  description?: string | null;
  definition?: string | null;
  platform?: string;
  owners?: { name: string; kind: OwnerKind }[];
  usage?: { queryCount: number };
  access?: { state: Schema.ReviewState; canQuery: boolean; piiColumns: string[]; hiddenColumnCount: number };
}

export interface SearchResult { entity: SearchEntity; score: number; matchedFields: string[]; highlights: Highlight[] }
export interface SearchResults { total: number; facets: Facet[]; results: SearchResult[]; nextCursor?: string | null; didYouMean?: string | null }
export interface AutocompleteSuggestion { name: string; urn: string; type: EntityType }

export interface LineageNode {
  urn: string;
  name: string;
  type: EntityType;
  column?: string | null;
  depth: number;
  dataset?: { name: string; platform: string } | null;
}

export interface LineageEdge {
  upstream: string;
  downstream: string;
  upstreamColumn?: string | null;
  downstreamColumn?: string | null;
  origin: string;
  transformation?: string | null;
  expression?: string | null;
  job?: { urn: string; name: string } | null;
}

export interface LineageGraph { root: string; nodes: LineageNode[]; edges: LineageEdge[]; truncated: boolean }

export interface ImpactedItem {
  dataset: { urn: string; name: string };
  column?: string | null;
  depth: number;
  owners: Owner[];
}

export interface GlossaryTermSummary {
  urn: string;
  name: string;
  isGroup: boolean;
  definition?: string | null;
  parent?: { name: string } | null;
}

export interface GlossaryTerm extends GlossaryTermSummary {
  synonyms: string[];
  children: { name: string; definition?: string | null }[];
  relatedTerms: { name: string }[];
  datasets: { name: string; description?: string | null }[];
  columns: { dataset: { name: string }; column: { name: string; description?: string | null } }[];
}

export interface ResultColumn { name: string; type: string }
export interface ResultPage { columns: ResultColumn[]; rows: unknown[][]; offset: number; limit: number; total?: number | null; hasMore: boolean }

// Compile-time conformance: each name is a path the UI reads that the schema does not serve (never when all is well).
type Unwrap<T> = T extends readonly (infer E)[] ? Unwrap<E> : NonNullable<T>;
type Mismatch<UI, S, Path extends string = ''> = {
  [K in keyof UI & string]-?: K extends '__typename'
    ? never
    : K extends keyof S
      ? Unwrap<UI[K]> extends object
        ? Unwrap<S[K]> extends object ? Mismatch<Unwrap<UI[K]>, Unwrap<S[K]>, `${Path}${K}.`> : `${Path}${K}`
        : Unwrap<UI[K]> extends Unwrap<S[K]> ? never : `${Path}${K}`
      : `${Path}${K}`;
}[keyof UI & string];
type Conforms<T extends never> = T;
// A search hit is any entity; the UI reads fields of datasets, glossary terms and documentation pages through fragments.
type SearchableEntity = Schema.Dataset & Schema.GlossaryTerm & Schema.Document;

export type SchemaConformance = [
  Conforms<Mismatch<TagRef, Schema.Tag>>,
  Conforms<Mismatch<TermRef, Schema.GlossaryTerm>>,
  Conforms<Mismatch<Owner, Schema.Owner>>,
  Conforms<Mismatch<Deprecation, Schema.Deprecation>>,
  Conforms<Mismatch<Column, Schema.Column>>,
  Conforms<Mismatch<Dataset, Schema.Dataset>>,
  Conforms<Mismatch<ChangeEvent, Schema.ChangeEvent>>,
  Conforms<Mismatch<ColumnProfile, Schema.ColumnProfile>>,
  Conforms<Mismatch<DatasetProfile, Schema.DatasetProfile>>,
  Conforms<Mismatch<ProfiledDataset, Schema.Dataset>>,
  Conforms<Mismatch<QueryError, Schema.QueryError>>,
  Conforms<Mismatch<QueryRun, Schema.QueryRun>>,
  Conforms<Mismatch<DatasetUsage, Schema.DatasetUsage>>,
  Conforms<Mismatch<Caller, Schema.Caller>>,
  Conforms<Mismatch<Highlight, Schema.Highlight>>,
  Conforms<Mismatch<FacetValue, Schema.FacetValue>>,
  Conforms<Mismatch<Facet, Schema.Facet>>,
  Conforms<Mismatch<SearchResult, Omit<Schema.SearchResult, 'entity'> & { entity: SearchableEntity }>>,
  Conforms<Mismatch<SearchResults, Omit<Schema.SearchResults, 'results'> & { results: Array<Omit<Schema.SearchResult, 'entity'> & { entity: SearchableEntity }> }>>,
  Conforms<Mismatch<AutocompleteSuggestion, Schema.AutocompleteSuggestion>>,
  Conforms<Mismatch<LineageNode, Schema.LineageNode>>,
  Conforms<Mismatch<LineageEdge, Schema.LineageEdge>>,
  Conforms<Mismatch<LineageGraph, Schema.LineageGraph>>,
  Conforms<Mismatch<ImpactedItem, Schema.ImpactedItem>>,
  Conforms<Mismatch<GlossaryTerm, Schema.GlossaryTerm>>,
  Conforms<Mismatch<ResultColumn, Schema.ResultColumn>>,
  Conforms<Mismatch<ResultPage, Schema.ResultPage>>,
];
