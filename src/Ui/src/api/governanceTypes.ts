// TypeScript shapes of the governance and job fields the UI reads, checked against the generated schema types like
// those in types.ts (kept apart so the governance and job pages add files rather than edit shared ones).
import type * as Schema from './schema.generated';

export type ReviewState = Schema.ReviewState;
export type PiiCategory = Schema.PiiCategory;
export type AccessLevel = Schema.AccessLevel;
export type AccessRequestState = Schema.AccessRequestState;
export type GovernanceEventKind = Schema.GovernanceEventKind;

export interface DatasetAccess {
  state: ReviewState;
  canQuery: boolean;
  canSeePii: boolean;
  denial?: string | null;
  request: string;
  visibleColumns: string[];
  piiColumns: string[];
  pendingColumns: string[];
  hiddenColumnCount: number;
}

export interface Review { state: ReviewState; reviewer: string; at: string; note?: string | null }

export interface Classification {
  category: PiiCategory;
  source: Schema.ClassificationSource;
  confidence: number;
  detectors: string[];
  matchRatio: number;
  confirmed: boolean;
  classifiedBy: string;
  at: string;
}

export interface ColumnGovernance { name: string; state: ReviewState; review?: Review | null; classification?: Classification | null }

export interface ReviewItem {
  dataset: { urn: string; name: string; platform: string; description?: string | null };
  state: ReviewState;
  review?: Review | null;
  columns: ColumnGovernance[];
}

export interface Grant {
  id: string;
  principalKind: Schema.PrincipalKind;
  principal: string;
  datasetUrn: string;
  dataset: string;
  columns: string[];
  level: AccessLevel;
  expiresAt: string;
  reason: string;
  grantedBy: string;
  grantedAt: string;
  active: boolean;
}

export interface AccessRequest {
  id: string;
  requester: string;
  datasetUrn: string;
  dataset: string;
  columns: string[];
  level: AccessLevel;
  reason: string;
  durationMinutes: number;
  requestedAt: string;
  state: AccessRequestState;
  decidedBy?: string | null;
  decidedAt?: string | null;
  decisionNote?: string | null;
}

export interface GovernanceEvent {
  at: string;
  actor: string;
  kind: GovernanceEventKind;
  datasetUrn?: string | null;
  column?: string | null;
  subject?: string | null;
  summary: string;
}

export interface MyAccess { user: { name: string }; isReviewer: boolean; grants: Grant[]; requests: AccessRequest[] }

export interface JobRef { urn: string; name: string; namespace: string; lastRunState?: string | null; lastRunAt?: string | null }

export interface RunTransition { state: string; eventType: string; at: string }
export interface RunDataset { datasetUrn: string; namespace: string; name: string; version?: string | null; dataset?: { name: string } | null }

export interface Run {
  id: string;
  state: string;
  createdAt: string;
  startedAt?: string | null;
  endedAt?: string | null;
  durationMs?: number | null;
  nominalStartTime?: string | null;
  errorMessage?: string | null;
  jobVersion?: string | null;
  parentRunId?: string | null;
  transitions: RunTransition[];
  inputs: RunDataset[];
  outputs: RunDataset[];
}

export interface Job extends JobRef {
  sql?: string | null;
  description?: string | null;
  version?: string | null;
  location?: string | null;
  owners: string[];
  processingType: string;
  integration?: string | null;
  parentJob?: JobRef | null;
  inputUrns: string[];
  outputUrns: string[];
  inputs: { name: string }[];
  outputs: { name: string }[];
  runs: { items: Run[]; totalCount: number };
}

/** A run as the dataset page lists it, with the job it belongs to. */
export interface DatasetRun extends Run { job?: JobRef | null }

export interface DatasetJobs { producers: JobRef[]; consumers: JobRef[]; runs: DatasetRun[] }

export interface DocumentRef { urn: string; name: string }
export interface DocumentPage extends DocumentRef { body: string; updatedAt: string; relatedDatasets: { name: string; description?: string | null }[] }

// Compile-time conformance, as in types.ts.
type Unwrap<T> = T extends readonly (infer E)[] ? Unwrap<E> : NonNullable<T>;
type Mismatch<UI, S, Path extends string = ''> = {
  [K in keyof UI & string]-?: K extends keyof S
    ? Unwrap<UI[K]> extends object
      ? Unwrap<S[K]> extends object ? Mismatch<Unwrap<UI[K]>, Unwrap<S[K]>, `${Path}${K}.`> : `${Path}${K}`
      : Unwrap<UI[K]> extends Unwrap<S[K]> ? never : `${Path}${K}`
    : `${Path}${K}`;
}[keyof UI & string];
type Conforms<T extends never> = T;

export type GovernanceSchemaConformance = [
  Conforms<Mismatch<DatasetAccess, Schema.DatasetAccess>>,
  Conforms<Mismatch<ReviewItem, Schema.ReviewItem>>,
  Conforms<Mismatch<Grant, Schema.Grant>>,
  Conforms<Mismatch<AccessRequest, Schema.AccessRequest>>,
  Conforms<Mismatch<GovernanceEvent, Schema.GovernanceEvent>>,
  Conforms<Mismatch<MyAccess, Schema.Caller>>,
  Conforms<Mismatch<Job, Schema.Job>>,
  Conforms<Mismatch<DatasetRun, Schema.Run>>,
  Conforms<Mismatch<DatasetJobs, Schema.Dataset>>,
  Conforms<Mismatch<DocumentPage, Schema.Document>>,
];
