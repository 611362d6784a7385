// Sends the governance, job and documentation operations of the UI to a live Catalog (the browser tests' local-mode
// one, whose admin is a reviewer), so a drift from the served schema fails here. Read-only: the shared demo state
// other tests rely on is left as it is. Skipped unless TOWNLAKE_URL is set.
import { beforeAll, describe, expect, it } from 'vitest';
import { setGraphQLEndpoint } from './client';
import * as gov from './governance';
import { fetchDataset } from './operations';

const server = process.env.TOWNLAKE_URL;

describe.skipIf(!server)('governance, job and documentation operations against a live Catalog', () => {
  beforeAll(() => setGraphQLEndpoint(`${server}/graphql`));

  it('reads the caller\'s role, grants and requests', async () => {
    const me = await gov.fetchMyAccess();
    expect(me.isReviewer).toBe(true);
    expect(Array.isArray(me.grants)).toBe(true);
  });
  it('reads a dataset\'s access, with its PII columns redacted for a caller without a READ_PII grant', async () => {
    const found = await gov.fetchDatasetAccess('demo.raw.accounts_export');
    expect(found?.access.state).toBe('APPROVED');
    expect(found?.access.piiColumns).toContain('owner_email');
    expect(found?.access.canSeePii).toBe(false);
    expect(await gov.fetchDatasetAccess('demo.no.such_table')).toBeNull();
  });
  it('reads the review queue with the scanner\'s evidence', async () => {
    const queue = await gov.fetchReviewQueue();
    const crm = queue.items.find((i) => i.dataset.name === 'demo.raw.customers_crm');
    expect(crm?.columns.find((c) => c.name === 'email')?.classification?.category).toBe('EMAIL');
    expect(Array.isArray(queue.requests)).toBe(true);
  });
  it('filters the audit trail by dataset and kind', async () => {
    const all = await gov.fetchAudit({ dataset: 'demo.raw.customers_crm' });
    expect(all.unknownDataset).toBe(false);
    expect(all.events.every((e) => e.datasetUrn === 'urn:tl:dataset:demo.raw.customers_crm')).toBe(true);
    expect((await gov.fetchAudit({ dataset: 'demo.no.such_table' })).unknownDataset).toBe(true);
    const reviewed = await gov.fetchAudit({ kind: 'DATASET_REVIEWED' });
    expect(reviewed.events.every((e) => e.kind === 'DATASET_REVIEWED')).toBe(true);
  });
  it('reads a dataset\'s jobs and runs, and the data-model pages of a dataset', async () => {
    const jobs = await gov.fetchDatasetJobs('demo.fct.billings_allocated');
    expect(jobs).not.toBeNull();
    for (const job of jobs!.producers) expect((await gov.fetchJob(job.urn))?.urn).toBe(job.urn);
    expect(await gov.fetchJob('urn:tl:job:nowhere:nothing')).toBeNull();
    expect((await fetchDataset('demo.dim.accounts'))?.documents).toBeInstanceOf(Array);
  });
});
