// Every GraphQL operation the UI sends, with the TypeScript shape of its answer.
import { graphql } from './client';
import type {
  AutocompleteSuggestion, Caller, ChangeEvent, Dataset, DatasetSummary, DatasetUsage, GlossaryTerm,
  GlossaryTermSummary, ImpactedItem, LineageDirection, ProfiledDataset, LineageGraph, OwnerKind, OwnershipType, QueryRun, ResultPage, SearchResults,
} from './types';

const DATASET_SUMMARY = `urn name platform kind description updatedAt tags { urn name } deprecation { deprecated note }`;
const TAG = `urn name`;
const TERM = `urn name`;
const DATASET_FULL = `
  urn name platform kind description updatedAt createdAt catalog schema table schemaVersion viewSql rowCount sizeBytes removed
  upstreamCount downstreamCount
  documents { urn name }
  customProperties { key value }
  tags { ${TAG} description }
  glossaryTerms { ${TERM} }
  owners { urn name kind ownershipType }
  domain { urn name }
  deprecation { deprecated note actor at }
  columns { urn name type nullable ordinal description isPrimaryKey foreignKey { dataset column } tags { ${TAG} } glossaryTerms { ${TERM} } }`;
const QUERY_RUN = `id sql state purpose user submittedAt startedAt finishedAt elapsedMs rowCount truncated error { message line column kind } datasets`;

export async function fetchMe(signal?: AbortSignal): Promise<Caller> {
  const data = await graphql<{ me: Caller }>(
    `query Me { me { user { urn name displayName } groups { name } isAdmin canEdit } }`, {}, signal);
  return data.me;
}

export interface HomeDataset extends DatasetSummary { usage: { queryCount: number } }

/** The home page's three lists, each sorted and cut to size by the server. */
export interface HomeDatasets { curated: DatasetSummary[]; mostUsed: HomeDataset[]; recent: DatasetSummary[] }

export const HOME_LIST_SIZE = 8;

export async function fetchHomeDatasets(signal?: AbortSignal): Promise<HomeDatasets> {
  type Nodes<T> = { nodes: T[] };
  const data = await graphql<{ curated: Nodes<DatasetSummary>; mostUsed: Nodes<HomeDataset>; recent: Nodes<DatasetSummary> }>(
    `query Home($first: Int!) {
      curated: datasets(filter: { tag: "curated", excludeDeprecated: true }, first: $first) { nodes { ${DATASET_SUMMARY} } }
      mostUsed: datasets(filter: { excludeDeprecated: true }, orderBy: MOST_QUERIED, first: $first) { nodes { ${DATASET_SUMMARY} usage { queryCount } } }
      recent: datasets(orderBy: RECENTLY_UPDATED, first: $first) { nodes { ${DATASET_SUMMARY} } } }`,
    { first: HOME_LIST_SIZE }, signal);
  return {
    curated: data.curated.nodes,
    // MOST_QUERIED lists never-queried datasets last; the page shows only datasets someone has queried.
    mostUsed: data.mostUsed.nodes.filter((d) => d.usage.queryCount > 0),
    recent: data.recent.nodes,
  };
}

export async function fetchDataset(name: string, signal?: AbortSignal): Promise<Dataset | null> {
  const data = await graphql<{ dataset: Dataset | null }>(
    `query Dataset($name: String!) { dataset(name: $name) { ${DATASET_FULL} } }`, { name }, signal);
  return data.dataset;
}

export async function fetchDatasetProfile(name: string, signal?: AbortSignal): Promise<ProfiledDataset | null> {
  const data = await graphql<{ dataset: ProfiledDataset | null }>(
    `query DatasetProfile($name: String!) { dataset(name: $name) {
      profile { rowCount profiledAt sampled sampleSize freshnessColumn freshness }
      columns { name type ordinal profile {
        nullCount nullFraction distinctCount distinctApproximate min max mean stddev minLength maxLength meanLength
        topValues { value count } histogram { lower upper count } redacted } } } }`, { name }, signal);
  return data.dataset;
}

export async function fetchDatasetHistory(name: string, signal?: AbortSignal): Promise<ChangeEvent[]> {
  const data = await graphql<{ dataset: { history: ChangeEvent[] } | null }>(
    `query DatasetHistory($name: String!) { dataset(name: $name) { history(first: 100) { id aspect actor at summary before after
      schemaChangeImpact { truncated columns { dataset column depth source } jobs { urn name } } } } }`,
    { name }, signal);
  return data.dataset?.history ?? [];
}

export async function fetchDatasetUsage(name: string, signal?: AbortSignal): Promise<DatasetUsage | null> {
  const data = await graphql<{ dataset: { usage: DatasetUsage } | null }>(
    `query DatasetUsage($name: String!) { dataset(name: $name) { usage {
      queryCount distinctUsers lastQueriedAt topUsers { user count } commonlyJoinedWith { dataset count }
      recentQueries(first: 10) { ${QUERY_RUN} } } } }`,
    { name }, signal);
  return data.dataset?.usage ?? null;
}

/** The latest runs that read a dataset, and whether the caller sees everyone's runs or only their own. */
export async function fetchDatasetQueries(name: string, first: number, signal?: AbortSignal): Promise<{ runs: QueryRun[]; seesEveryone: boolean }> {
  const data = await graphql<{ dataset: { usage: { recentQueries: QueryRun[] } } | null; me: { user: { name: string }; isAdmin: boolean } }>(
    `query DatasetQueries($name: String!, $first: Int) { me { user { name } isAdmin }
      dataset(name: $name) { usage { recentQueries(first: $first) { ${QUERY_RUN} } } } }`, { name, first }, signal);
  const runs = data.dataset?.usage.recentQueries ?? [];
  // Stewards see everyone's runs too, without being administrators: someone else's run in the list tells.
  return { runs, seesEveryone: data.me.isAdmin || runs.some((r) => r.user !== data.me.user.name) };
}

/** Dataset and column names for SQL completion. */
export async function fetchCatalogNames(signal?: AbortSignal): Promise<{ name: string; columns: { name: string; type?: string | null }[] }[]> {
  const data = await graphql<{ datasets: { nodes: { name: string; columns: { name: string; type?: string | null }[] }[] } }>(
    `query CatalogNames { datasets(first: 1000) { nodes { name columns { name type } } } }`, {}, signal);
  return data.datasets.nodes;
}

export interface SearchFilterInput { field: string; values: string[] }

export async function search(
  query: string, filters: SearchFilterInput[], types: string[], first: number, after: string | null, signal?: AbortSignal,
): Promise<SearchResults> {
  const data = await graphql<{ search: SearchResults }>(
    `query Search($query: String!, $filters: [SearchFilter!], $types: [EntityType!], $first: Int, $after: String) {
      search(query: $query, filters: $filters, types: $types, first: $first, after: $after) {
        total nextCursor didYouMean
        facets { field values { value count } }
        results {
          score matchedFields highlights { field value snippet }
          entity { __typename urn name type
            ... on Dataset { description platform owners { name kind } usage { queryCount } access { state canQuery piiColumns hiddenColumnCount } }
            ... on GlossaryTerm { definition }
            ... on Tag { description } } } } }`,
    { query, filters: filters.length ? filters : null, types: types.length ? types : null, first, after }, signal);
  return data.search;
}

export async function autocomplete(prefix: string, signal?: AbortSignal): Promise<AutocompleteSuggestion[]> {
  const data = await graphql<{ autocomplete: AutocompleteSuggestion[] }>(
    `query Autocomplete($prefix: String!) { autocomplete(prefix: $prefix, limit: 8) { name urn type } }`, { prefix }, signal);
  return data.autocomplete;
}

export async function fetchLineage(
  urn: string, direction: LineageDirection, depth: number, columns: boolean, signal?: AbortSignal,
): Promise<LineageGraph> {
  // A dataset-level graph's edges have no column fields (always null): not asking for them spares the server and the
  // browser 8,000 null fields on the 1,000-node benchmark graph.
  const columnFields = columns ? 'upstreamColumn downstreamColumn transformation expression' : '';
  const data = await graphql<{ lineage: LineageGraph }>(
    `query Lineage($urn: ID!, $direction: LineageDirection, $depth: Int, $columns: Boolean) {
      lineage(urn: $urn, direction: $direction, depth: $depth, columns: $columns, maxNodes: 1000) {
        root truncated
        nodes { urn name type column depth dataset { name platform } }
        edges { upstream downstream ${columnFields} origin job { urn name } } } }`,
    { urn, direction, depth, columns }, signal);
  return data.lineage;
}

/** Everything downstream of a dataset, or of one of its columns, with the owners to tell; nearest first. */
export async function fetchImpact(urn: string, column: string | null, signal?: AbortSignal): Promise<ImpactedItem[]> {
  const data = await graphql<{ impact: ImpactedItem[] }>(
    `query Impact($urn: ID!, $column: String) { impact(urn: $urn, column: $column, depth: 10) {
      dataset { urn name } column depth owners { urn name kind ownershipType } } }`, { urn, column }, signal);
  return data.impact;
}

/** A dataset's column names in their table order (the lineage graph lists all of them on request). */
export async function fetchDatasetColumns(name: string, signal?: AbortSignal): Promise<string[]> {
  const data = await graphql<{ dataset: { columns: { name: string; ordinal: number }[] } | null }>(
    `query DatasetColumns($name: String!) { dataset(name: $name) { columns { name ordinal } } }`, { name }, signal);
  return [...(data.dataset?.columns ?? [])].sort((a, b) => a.ordinal - b.ordinal).map((c) => c.name);
}

export async function fetchGlossaryTerms(signal?: AbortSignal): Promise<GlossaryTermSummary[]> {
  const data = await graphql<{ glossaryTerms: GlossaryTermSummary[] }>(
    `query GlossaryTerms { glossaryTerms { urn name isGroup definition parent { name } } }`, {}, signal);
  return data.glossaryTerms;
}

export async function fetchGlossaryTerm(name: string, signal?: AbortSignal): Promise<GlossaryTerm | null> {
  const data = await graphql<{ glossaryTerm: GlossaryTerm | null }>(
    `query GlossaryTerm($name: String!) { glossaryTerm(name: $name) {
      urn name isGroup definition synonyms parent { name }
      children { name definition } relatedTerms { name }
      datasets(first: 100) { name description }
      columns(first: 100) { dataset { name } column { name description } } } }`, { name }, signal);
  return data.glossaryTerm;
}

/** A tag's page: what it means and the datasets carrying it (on the dataset or one of its columns). */
export async function fetchTagPage(name: string, signal?: AbortSignal): Promise<{ tag: { name: string; description?: string | null } | null; datasets: DatasetSummary[]; hasMore: boolean }> {
  const data = await graphql<{ tags: { name: string; description?: string | null }[]; datasets: { nodes: DatasetSummary[]; pageInfo: { hasNextPage: boolean } } }>(
    `query TagPage($tag: String!) { tags { name description }
      datasets(filter: { tag: $tag }, first: 200) { nodes { ${DATASET_SUMMARY} } pageInfo { hasNextPage } } }`, { tag: name }, signal);
  return { tag: data.tags.find((t) => t.name === name) ?? null, datasets: data.datasets.nodes, hasMore: data.datasets.pageInfo.hasNextPage };
}

export async function fetchTags(signal?: AbortSignal): Promise<{ name: string }[]> {
  const data = await graphql<{ tags: { name: string }[] }>(`query Tags { tags { name } }`, {}, signal);
  return data.tags;
}

/** Users and groups the catalog knows as owners of something, plus the caller and their groups: the owner picker's list. */
export async function fetchKnownPrincipals(signal?: AbortSignal): Promise<{ name: string; kind: OwnerKind }[]> {
  const data = await graphql<{ datasets: { nodes: { owners: { name: string; kind: OwnerKind }[] }[] }; me: Caller }>(
    `query KnownPrincipals { me { user { urn name displayName } groups { name } isAdmin canEdit }
      datasets(first: 1000) { nodes { owners { name kind } } } }`, {}, signal);
  const known = new Map<string, OwnerKind>();
  known.set(data.me.user.name, 'USER');
  for (const group of data.me.groups) known.set(group.name, 'GROUP');
  for (const dataset of data.datasets.nodes) for (const owner of dataset.owners) known.set(owner.name, owner.kind);
  return [...known.entries()].map(([name, kind]) => ({ name, kind })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether a user or a group of this name exists (the owner picker checks a name typed in before adding it). */
export async function findPrincipal(name: string, signal?: AbortSignal): Promise<OwnerKind | null> {
  const data = await graphql<{ user: { name: string } | null; group: { name: string } | null }>(
    `query FindPrincipal($name: String!) { user(name: $name) { name } group(name: $name) { name } }`, { name }, signal);
  return data.user ? 'USER' : data.group ? 'GROUP' : null;
}

export async function fetchTermNames(signal?: AbortSignal): Promise<{ name: string }[]> {
  const data = await graphql<{ glossaryTerms: { name: string; isGroup: boolean }[] }>(`query TermNames { glossaryTerms { name isGroup } }`, {}, signal);
  return data.glossaryTerms.filter((t) => !t.isGroup);
}

// ---------------- editing ----------------

type Mutated = { urn: string };

async function mutate(field: string, args: string, variables: Record<string, unknown>): Promise<void> {
  const declared = Object.keys(variables).map((k) => `$${k}: ${MUTATION_ARG_TYPES[k]}`).join(', ');
  await graphql<Record<string, Mutated>>(`mutation Edit(${declared}) { ${field}(${args}) { urn } }`, variables);
}

const MUTATION_ARG_TYPES: Record<string, string> = {
  urn: 'ID!', column: 'String', description: 'String!', tags: '[String!]!', terms: '[String!]!',
  owners: '[OwnerInput!]!', ownerNames: '[String!]!',
};

export const updateDescription = (urn: string, description: string, column?: string) =>
  mutate('updateDescription', 'urn: $urn, column: $column, description: $description', { urn, column: column ?? null, description });
export const addTags = (urn: string, tags: string[], column?: string) =>
  mutate('addTags', 'urn: $urn, tags: $tags, column: $column', { urn, tags, column: column ?? null });
export const removeTags = (urn: string, tags: string[], column?: string) =>
  mutate('removeTags', 'urn: $urn, tags: $tags, column: $column', { urn, tags, column: column ?? null });
export const addGlossaryTerms = (urn: string, terms: string[], column?: string) =>
  mutate('addGlossaryTerms', 'urn: $urn, terms: $terms, column: $column', { urn, terms, column: column ?? null });
export const removeGlossaryTerms = (urn: string, terms: string[], column?: string) =>
  mutate('removeGlossaryTerms', 'urn: $urn, terms: $terms, column: $column', { urn, terms, column: column ?? null });
export const addOwners = (urn: string, owners: { name: string; kind: OwnerKind; ownershipType: OwnershipType }[]) =>
  mutate('addOwners', 'urn: $urn, owners: $owners', { urn, owners });
export const removeOwners = (urn: string, ownerNames: string[]) =>
  mutate('removeOwners', 'urn: $urn, owners: $ownerNames', { urn, ownerNames });

export interface GlossaryTermDraft {
  name: string; definition: string | null; parent: string | null; isGroup: boolean; synonyms: string[]; relatedTerms: string[];
}

export async function createGlossaryTerm(input: GlossaryTermDraft): Promise<{ name: string }> {
  const data = await graphql<{ createGlossaryTerm: { name: string } }>(
    `mutation CreateGlossaryTerm($input: GlossaryTermInput!) { createGlossaryTerm(input: $input) { urn name } }`, { input });
  return data.createGlossaryTerm;
}

// ---------------- query front ----------------

/** Runs a query; with `unlockPii` (and a reason) PII comes back unredacted where the caller holds a READ_PII grant (audited). */
export async function startQuery(sql: string, unlockPii?: { reason: string }): Promise<QueryRun> {
  const data = await graphql<{ startQuery: QueryRun }>(
    `mutation StartQuery($sql: String!, $unlockPii: Boolean, $reason: String) { startQuery(sql: $sql, unlockPii: $unlockPii, reason: $reason) { ${QUERY_RUN} } }`,
    { sql, unlockPii: unlockPii != null, reason: unlockPii?.reason ?? null });
  return data.startQuery;
}

/** A preview of sample rows: run as the caller and audited, but not counted as usage of the dataset. */
export async function startPreview(sql: string): Promise<QueryRun> {
  const data = await graphql<{ startQuery: QueryRun }>(
    `mutation StartPreview($sql: String!) { startQuery(sql: $sql, purpose: PREVIEW) { ${QUERY_RUN} } }`, { sql });
  return data.startQuery;
}

/** Profiles the dataset now (editors of the dataset only) and returns the new profile's time. */
export async function profileDataset(name: string): Promise<{ profiledAt: string }> {
  const data = await graphql<{ profileDataset: { profiledAt: string } }>(
    `mutation ProfileDataset($name: String!) { profileDataset(name: $name) { profiledAt } }`, { name });
  return data.profileDataset;
}

export async function cancelQuery(id: string): Promise<QueryRun> {
  const data = await graphql<{ cancelQuery: QueryRun }>(
    `mutation CancelQuery($id: ID!) { cancelQuery(id: $id) { ${QUERY_RUN} } }`, { id });
  return data.cancelQuery;
}

export async function fetchQueryRun(id: string, signal?: AbortSignal): Promise<QueryRun | null> {
  const data = await graphql<{ queryRun: QueryRun | null }>(
    `query QueryRun($id: ID!) { queryRun(id: $id) { ${QUERY_RUN} } }`, { id }, signal);
  return data.queryRun;
}

export async function fetchResults(id: string, offset: number, limit: number, signal?: AbortSignal): Promise<ResultPage> {
  const data = await graphql<{ results: ResultPage }>(
    `query Results($id: ID!, $offset: Int, $limit: Int) { results(id: $id, offset: $offset, limit: $limit) {
      columns { name type } rows offset limit total hasMore } }`, { id, offset, limit }, signal);
  return data.results;
}

export const TERMINAL_STATES = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Polls a run until it reaches a terminal state (or the signal aborts). */
export async function waitForRun(id: string, signal: AbortSignal, onUpdate?: (run: QueryRun) => void): Promise<QueryRun> {
  let delay = 100;
  for (;;) {
    const run = await fetchQueryRun(id, signal);
    if (!run) throw new Error(`Query run ${id} no longer exists.`);
    onUpdate?.(run);
    if (TERMINAL_STATES.has(run.state)) return run;
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (signal.aborted) throw new DOMException('Aborted', 'AbortError');
    delay = Math.min(delay * 2, 1000);
  }
}
