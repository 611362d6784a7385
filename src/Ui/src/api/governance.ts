// GraphQL operations of the governance pages (review queue, access requests, my access, audit), the job page and the
// documentation pages, with the shapes of their answers.
import { graphql } from './client';
import type {
  AccessLevel, AccessRequest, DatasetAccess, DatasetJobs, DocumentPage, GovernanceEvent, GovernanceEventKind, Job,
  MyAccess, PiiCategory, ReviewItem, ReviewState,
} from './governanceTypes';

const ACCESS = `state canQuery canSeePii denial request visibleColumns piiColumns pendingColumns hiddenColumnCount`;
const REVIEW = `state reviewer at note`;
const REVIEW_ITEM = `dataset { urn name platform description } state review { ${REVIEW} }
  columns { name state review { ${REVIEW} } classification { category source confidence detectors matchRatio confirmed classifiedBy at } }`;
const GRANT = `id principalKind principal datasetUrn dataset columns level expiresAt reason grantedBy grantedAt active`;
const REQUEST = `id requester datasetUrn dataset columns level reason durationMinutes requestedAt state decidedBy decidedAt decisionNote`;
const JOB_REF = `urn name namespace lastRunState lastRunAt`;
const RUN = `id state createdAt startedAt endedAt durationMs nominalStartTime errorMessage jobVersion parentRunId
  transitions { state eventType at }
  inputs { datasetUrn namespace name version dataset { name } }
  outputs { datasetUrn namespace name version dataset { name } }`;

/** What the caller may do with a dataset; null when no dataset has that name. */
export async function fetchDatasetAccess(name: string, signal?: AbortSignal): Promise<{ urn: string; access: DatasetAccess } | null> {
  const data = await graphql<{ dataset: { urn: string; access: DatasetAccess } | null }>(
    `query DatasetAccess($name: String!) { dataset(name: $name) { urn access { ${ACCESS} } } }`, { name }, signal);
  return data.dataset;
}

/** The caller's role, grants that work now and requests (the My access page, and whether to offer the review queue). */
export async function fetchMyAccess(signal?: AbortSignal): Promise<MyAccess> {
  const data = await graphql<{ me: MyAccess }>(
    `query MyAccess { me { user { name } isReviewer grants { ${GRANT} } requests { ${REQUEST} } } }`, {}, signal);
  return data.me;
}

/** How many datasets the review queue reads at once (the oldest first; within the endpoint's complexity limit). */
export const REVIEW_PAGE = 50;

/** The review queue and the requests waiting for a decision (reviewers only). */
export async function fetchReviewQueue(signal?: AbortSignal): Promise<{ items: ReviewItem[]; requests: AccessRequest[] }> {
  const data = await graphql<{ reviewQueue: ReviewItem[]; accessRequests: AccessRequest[] }>(
    // A literal page size: the endpoint's complexity limit counts it.
    `query ReviewQueue { reviewQueue(first: ${REVIEW_PAGE}) { ${REVIEW_ITEM} } accessRequests(state: PENDING) { ${REQUEST} } }`, {}, signal);
  return { items: data.reviewQueue, requests: data.accessRequests };
}

export async function reviewDataset(urn: string, state: ReviewState, note: string | null): Promise<ReviewItem> {
  const data = await graphql<{ reviewDataset: ReviewItem }>(
    `mutation ReviewDataset($urn: String!, $state: ReviewState!, $note: String) {
      reviewDataset(urn: $urn, state: $state, note: $note, includePendingColumns: true) { ${REVIEW_ITEM} } }`, { urn, state, note });
  return data.reviewDataset;
}

export async function reviewColumn(urn: string, column: string, state: ReviewState, note: string | null): Promise<ReviewItem> {
  const data = await graphql<{ reviewColumn: ReviewItem }>(
    `mutation ReviewColumn($urn: String!, $column: String!, $state: ReviewState!, $note: String) {
      reviewColumn(urn: $urn, column: $column, state: $state, note: $note) { ${REVIEW_ITEM} } }`, { urn, column, state, note });
  return data.reviewColumn;
}

export async function classifyColumn(urn: string, column: string, category: PiiCategory, note: string | null): Promise<ReviewItem> {
  const data = await graphql<{ classifyColumn: ReviewItem }>(
    `mutation ClassifyColumn($urn: String!, $column: String!, $category: PiiCategory!, $note: String) {
      classifyColumn(urn: $urn, column: $column, category: $category, note: $note) { ${REVIEW_ITEM} } }`, { urn, column, category, note });
  return data.classifyColumn;
}

export async function requestAccess(datasetUrn: string, level: AccessLevel, reason: string, durationMinutes: number): Promise<AccessRequest> {
  const data = await graphql<{ requestAccess: AccessRequest }>(
    `mutation RequestAccess($datasetUrn: String!, $level: AccessLevel, $reason: String!, $durationMinutes: Int!) {
      requestAccess(datasetUrn: $datasetUrn, level: $level, reason: $reason, durationMinutes: $durationMinutes) { ${REQUEST} } }`,
    { datasetUrn, level, reason, durationMinutes });
  return data.requestAccess;
}

export async function approveAccessRequest(id: string, note: string | null, durationMinutes: number | null): Promise<AccessRequest> {
  const data = await graphql<{ approveAccessRequest: AccessRequest }>(
    `mutation ApproveAccessRequest($id: ID!, $note: String, $durationMinutes: Int) {
      approveAccessRequest(id: $id, note: $note, durationMinutes: $durationMinutes) { ${REQUEST} } }`, { id, note, durationMinutes });
  return data.approveAccessRequest;
}

export async function denyAccessRequest(id: string, note: string | null): Promise<AccessRequest> {
  const data = await graphql<{ denyAccessRequest: AccessRequest }>(
    `mutation DenyAccessRequest($id: ID!, $note: String) { denyAccessRequest(id: $id, note: $note) { ${REQUEST} } }`, { id, note });
  return data.denyAccessRequest;
}

export interface AuditFilter { user?: string | null; dataset?: string | null; kind?: GovernanceEventKind | null; from?: string | null; to?: string | null }

/** The governance audit trail, newest first; a dataset is named as people know it and looked up here. */
export async function fetchAudit(filter: AuditFilter, signal?: AbortSignal): Promise<{ events: GovernanceEvent[]; unknownDataset: boolean }> {
  let datasetUrn: string | null = null;
  if (filter.dataset) {
    const found = await graphql<{ dataset: { urn: string } | null }>(
      `query AuditDataset($name: String!) { dataset(name: $name) { urn } }`, { name: filter.dataset }, signal);
    if (!found.dataset) return { events: [], unknownDataset: true };
    datasetUrn = found.dataset.urn;
  }
  const data = await graphql<{ governanceAudit: GovernanceEvent[] }>(
    `query GovernanceAudit($user: String, $datasetUrn: String, $kind: GovernanceEventKind, $from: DateTime, $to: DateTime) {
      governanceAudit(user: $user, datasetUrn: $datasetUrn, kind: $kind, from: $from, to: $to, first: 500) {
        at actor kind datasetUrn column subject summary } }`,
    { user: filter.user || null, datasetUrn, kind: filter.kind || null, from: filter.from || null, to: filter.to || null }, signal);
  return { events: data.governanceAudit, unknownDataset: false };
}

export async function fetchJob(urn: string, signal?: AbortSignal): Promise<Job | null> {
  const data = await graphql<{ job: Job | null }>(
    `query Job($urn: ID!) { job(urn: $urn) {
      ${JOB_REF} sql description version location owners processingType integration
      parentJob { ${JOB_REF} } inputUrns outputUrns inputs { name } outputs { name }
      runs(first: 50) { totalCount items { ${RUN} } } } }`, { urn }, signal);
  return data.job;
}

/** The jobs that write and read a dataset, and its latest runs. */
export async function fetchDatasetJobs(name: string, signal?: AbortSignal): Promise<DatasetJobs | null> {
  const data = await graphql<{ dataset: DatasetJobs | null }>(
    `query DatasetJobs($name: String!) { dataset(name: $name) {
      producers { ${JOB_REF} } consumers { ${JOB_REF} } runs(first: 30) { ${RUN} job { ${JOB_REF} } } } }`, { name }, signal);
  return data.dataset;
}

export async function fetchDocument(urn: string, signal?: AbortSignal): Promise<DocumentPage | null> {
  const data = await graphql<{ document: DocumentPage | null }>(
    `query Document($urn: ID!) { document(urn: $urn) { urn name body updatedAt relatedDatasets { name description } } }`, { urn }, signal);
  return data.document;
}
