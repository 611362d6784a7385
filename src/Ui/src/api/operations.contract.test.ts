// Runs every operation the UI sends against a live Catalog, so a drift between the UI and the
// served schema fails here rather than in a browser. Skipped unless TOWNLAKE_URL is set, e.g.
// TOWNLAKE_URL=http://127.0.0.1:5080 npm test
import { beforeAll, describe, expect, it } from 'vitest';
import { setGraphQLEndpoint } from './client';
import * as api from './operations';

const server = process.env.TOWNLAKE_URL;

describe.skipIf(!server)('operations against a live Catalog', () => {
  beforeAll(() => setGraphQLEndpoint(`${server}/graphql`));
  const name = 'demo.dim.accounts';

  it('reads the caller', async () => expect((await api.fetchMe()).user.name).toBeTruthy());
  it('reads the home page lists', async () => {
    const home = await api.fetchHomeDatasets();
    expect(home.curated.length).toBeGreaterThan(0);
    expect(home.curated.length).toBeLessThanOrEqual(api.HOME_LIST_SIZE);
    expect(home.curated.every((d) => d.tags.some((t) => t.name === 'curated') && !d.deprecation?.deprecated)).toBe(true);
    expect(home.recent.length).toBe(api.HOME_LIST_SIZE);
    const times = home.recent.map((d) => Date.parse(d.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const counts = home.mostUsed.map((d) => d.usage.queryCount);
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
  it('reads a dataset with its columns', async () => expect((await api.fetchDataset(name))?.columns.length).toBeGreaterThan(0));
  it('reads history', async () => {
    const history = await api.fetchDatasetHistory(name);
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((event) => event.aspect && event.actor && event.at)).toBe(true);
  });
  it('reads usage, counting a query just run', async () => {
    const before = (await api.fetchDatasetUsage(name))!.queryCount;
    const started = await api.startQuery(`SELECT count(*) FROM ${name}`);
    expect((await api.waitForRun(started.id, new AbortController().signal)).state).toBe('SUCCEEDED');
    // The audit is written as the run finishes; give it a few seconds on a busy machine.
    let usage = await api.fetchDatasetUsage(name);
    for (const deadline = Date.now() + 15_000; usage!.queryCount === before && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      usage = await api.fetchDatasetUsage(name);
    }
    expect(usage!.queryCount).toBeGreaterThan(before);
    expect(usage!.recentQueries.length).toBeGreaterThan(0);
  });
  it('reads catalog names', async () => expect((await api.fetchCatalogNames()).length).toBeGreaterThan(0));
  it('searches', async () => {
    const found = await api.search('accounts', [{ field: 'type', values: ['DATASET'] }], [], 10, null);
    expect(found.results.map((r) => r.entity.name)).toContain(name);
    expect(found.facets.length).toBeGreaterThan(0);
  });
  it('autocompletes', async () => expect((await api.autocomplete('acc')).map((s) => s.name)).toContain(name));
  it('reads lineage', async () => {
    const dataset = await api.fetchDataset(name);
    const graph = await api.fetchLineage(dataset!.urn, 'BOTH', 2, false);
    expect(graph.root).toBe(dataset!.urn);
    expect(graph.nodes.map((n) => n.urn)).toContain(dataset!.urn);
  });
  it('reads column-level lineage and column impact', async () => {
    const billings = await api.fetchDataset('demo.fct.billings_allocated');
    const graph = await api.fetchLineage(billings!.urn, 'UPSTREAM', 2, true);
    expect(graph.edges.some((e) => e.downstreamColumn === 'alloc_amount')).toBe(true);
    const impact = await api.fetchImpact(billings!.urn, 'alloc_amount');
    expect(impact.map((i) => i.dataset.name)).toContain('demo.fct.arr_by_account');
    expect(await api.fetchDatasetColumns('demo.fct.billings_allocated')).toContain('alloc_amount');
  });
  it('reads the profile, the popular queries, a tag page and the owner picker lists', async () => {
    const profiled = await api.fetchDatasetProfile('demo.fct.billings_allocated');
    expect(profiled?.columns.map((c) => c.name)).toContain('alloc_amount');
    const queries = await api.fetchDatasetQueries(name, 100);
    expect(Array.isArray(queries.runs)).toBe(true);
    const tag = await api.fetchTagPage('curated');
    expect(tag.tag?.name).toBe('curated');
    expect(tag.datasets.length).toBeGreaterThan(0);
    expect((await api.fetchKnownPrincipals()).length).toBeGreaterThan(0);
    expect(await api.findPrincipal('zz-nobody-by-this-name')).toBeNull();
    expect((await api.fetchTermNames()).length).toBeGreaterThan(0);
  });
  it('runs a preview as a preview', async () => {
    const started = await api.startPreview(`SELECT * FROM ${name} LIMIT 1`);
    expect(started.purpose).toBe('PREVIEW');
    expect((await api.waitForRun(started.id, new AbortController().signal)).state).toBe('SUCCEEDED');
  });
  it('reads the glossary', async () => {
    const terms = await api.fetchGlossaryTerms();
    expect(terms.length).toBeGreaterThan(0);
    expect((await api.fetchGlossaryTerm(terms[0].name))?.name).toBe(terms[0].name);
  });
  it('runs a query and pages its results', async () => {
    const started = await api.startQuery(`SELECT * FROM ${name} LIMIT 3`);
    const run = await api.waitForRun(started.id, new AbortController().signal);
    expect(run.state).toBe('SUCCEEDED');
    expect((await api.fetchResults(run.id, 0, 10)).rows.length).toBe(3);
  });
  it('reports a bad query as a failed run with the parser\'s message', async () => {
    const started = await api.startQuery('SELEC nope');
    const run = await api.waitForRun(started.id, new AbortController().signal);
    expect(run.state).toBe('FAILED');
    expect(run.error?.message).toBeTruthy();
  });
});
