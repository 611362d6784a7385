// Drives every agent tool through the official npm MCP client (@modelcontextprotocol/sdk) over streamable HTTP
// against a live Catalog, including the ways agents break (issue 13). Skipped unless TOWNLAKE_URL is set; `dotnet test`
// runs it against the browser tests' Catalog (tests/EndToEnd.Tests/Browser/UiUnitTests), e.g.
// TOWNLAKE_URL=http://127.0.0.1:5080 npm test
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const server = process.env.TOWNLAKE_URL;
const WIDE = 'mcpnpm.wide.t300';
const SLOW = 'SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b';

interface Outcome { isError: boolean; text: string; json: Record<string, any> }

async function graphqlData(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${server}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

describe.skipIf(!server)('agent tools through the npm MCP client', () => {
  let client: Client;

  const call = async (name: string, args: Record<string, unknown> = {}): Promise<Outcome> => {
    const result = await client.callTool({ name, arguments: args });
    const content = result.content as { type: string; text: string }[];
    expect(content[0].type).toBe('text');
    return { isError: result.isError === true, text: content[0].text, json: JSON.parse(content[0].text) };
  };
  const answer = async (name: string, args: Record<string, unknown> = {}) => {
    const outcome = await call(name, args);
    expect(outcome.isError, outcome.text).toBe(false);
    return outcome.json;
  };

  beforeAll(async () => {
    client = new Client({ name: 'townlake-npm-contract', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server}/mcp`)));
    const columns = Array.from({ length: 300 }, (_, i) => ({ name: `col_${String(i + 1).padStart(3, '0')}_amount`, type: 'DECIMAL(18,2)', description: 'An amount, allocated per product and month. '.repeat(20) }));
    const wide = await graphqlData('mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }', { input: { name: WIDE, description: 'A very wide table', columns } });
    // A new dataset is pending review (default closed), and its pending columns do not exist for the agent: approve it.
    await graphqlData('mutation($urn: String!) { reviewDataset(urn: $urn, state: APPROVED, note: "npm MCP contract") { state } }', { urn: wide.upsertDataset.urn });
    await graphqlData('mutation { profileDataset(name: "demo.dim.accounts") { rowCount } }');
  });

  afterAll(async () => { await client?.close(); });

  it('lists every tool with annotations and sends instructions', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'cancel_query', 'execute', 'fetch_results', 'forget', 'get_data_model', 'get_entity_details', 'get_lineage',
      'list_schema_fields', 'profile_column', 'recall', 'remember', 'search_datasets', 'search_tools', 'start_query']);
    expect(tools.find((t) => t.name === 'start_query')?.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((t) => t.name === 'forget')?.annotations?.destructiveHint).toBe(true);
    expect(tools.find((t) => t.name === 'search_datasets')?.inputSchema.required).toContain('query');
    expect(client.getInstructions()).toContain('search_datasets');
  });

  it('searches, reads details, fields, a profile and lineage', async () => {
    const found = await answer('search_datasets', { query: 'allocated billing amount per month', limit: 3 });
    expect(found.results[0].name).toBe('demo.fct.billings_allocated');
    const details = await answer('get_entity_details', { entity: 'demo.dim.accounts' });
    expect(JSON.stringify(details)).toContain('account_id');
    const fields = await answer('list_schema_fields', { dataset: 'demo.fct.billings_allocated', filter: 'amount' });
    expect(fields.columns.map((c: { name: string }) => c.name)).toContain('alloc_amount');
    const profile = await answer('profile_column', { dataset: 'demo.dim.accounts', column: 'account_id' });
    expect(profile.rows).toBeGreaterThan(0);
    expect(profile.distinctCount).toBeGreaterThan(0);
    const lineage = await answer('get_lineage', { dataset: 'demo.fct.billings_allocated.alloc_amount', direction: 'upstream' });
    expect(lineage.edges.some((e: { from: string }) => e.from === 'demo.raw.billing_line_items.billed_amount')).toBe(true);
    const model = await call('get_data_model', { topic: 'billing' });
    expect(model.text.length).toBeGreaterThan(0);
  });

  it('runs a query and reads its rows', async () => {
    const run = await answer('start_query', { sql: 'SELECT count(*) AS n FROM demo.dim.accounts' });
    let rows = await answer('fetch_results', { id: run.id, wait_ms: 20_000 });
    for (let i = 0; i < 5 && (rows.state === 'QUEUED' || rows.state === 'RUNNING'); i++) rows = await answer('fetch_results', { id: run.id, wait_ms: 20_000 });
    expect(rows.state).toBe('SUCCEEDED');
    expect(rows.rows[0][0]).toBeGreaterThan(0);
  });

  it('answers a slow query with its state within wait_ms, and cancels it', async () => {
    const run = await answer('start_query', { sql: SLOW });
    const started = Date.now();
    const pending = await answer('fetch_results', { id: run.id, wait_ms: 300 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(['QUEUED', 'RUNNING']).toContain(pending.state);
    expect(pending.hint).toContain('still running');
    expect((await answer('cancel_query', { id: run.id })).state).toBe('CANCELLED');
  });

  it('cuts a huge result to the budget and says how to read on', async () => {
    const columns = Array.from({ length: 45 }, (_, i) => `repeat('it''s "quoted" ', 60) || range AS c${i + 1}`).join(', ');
    const run = await answer('start_query', { sql: `SELECT ${columns} FROM range(3000)` });
    let page = await call('fetch_results', { id: run.id, wait_ms: 20_000, budget: 1000 });
    for (let i = 0; i < 6 && ['QUEUED', 'RUNNING'].includes(page.json.state); i++) page = await call('fetch_results', { id: run.id, wait_ms: 20_000, budget: 1000 });
    expect(page.isError).toBe(false);
    expect(page.json.state).toBe('SUCCEEDED');
    expect(page.json.truncated).toBe(true);
    expect(page.json.nextCursor).toBeTruthy();
    // The service counts with the o200k tokenizer; no token of this JSON is longer than 8 characters.
    expect(page.text.length).toBeLessThanOrEqual(8 * 1000);
    expect(page.text).not.toContain('\\u0027');
  });

  it('pages a 300-column table within the budget', async () => {
    const first = await call('list_schema_fields', { dataset: WIDE, budget: 500 });
    expect(first.isError).toBe(false);
    expect(first.json.columnCount).toBe(300);
    expect(first.json.columns.length).toBeLessThan(300);
    expect(first.json.nextCursor).toBeTruthy();
    expect(first.text.length).toBeLessThanOrEqual(8 * 500);
    const next = await answer('list_schema_fields', { dataset: WIDE, budget: 500, cursor: first.json.nextCursor });
    expect(next.columns[0].name).not.toBe(first.json.columns[0].name);
    const details = await call('get_entity_details', { entity: WIDE, budget: 500 });
    expect(details.text.length).toBeLessThanOrEqual(8 * 500);
  });

  it('names a missing argument in an error result', async () => {
    const missing = await call('search_datasets', { limit: 3 });
    expect(missing.isError).toBe(true);
    expect(missing.json.error.code).toBe('BAD_USER_INPUT');
    expect(missing.json.error.message).toContain("'query' is missing");
    const missingColumn = await call('profile_column', { dataset: 'demo.dim.accounts' });
    expect(missingColumn.isError).toBe(true);
    expect(missingColumn.json.error.message).toContain("'column'");
  });

  it('refuses bad SQL at start with the reason', async () => {
    const syntax = await call('start_query', { sql: "SELECT plan\nFROM demo.dim.accounts\nWHERE plan = = 'free'" });
    expect(syntax.isError).toBe(true);
    expect(syntax.json.error.code).toBe('BAD_USER_INPUT');
    expect(syntax.json.error.message).toContain('line 3');
    const write = await call('start_query', { sql: 'DELETE FROM demo.dim.accounts' });
    expect(write.isError).toBe(true);
    expect(write.json.error.message).toContain('read-only');
  });

  it('answers an unknown dataset with NOT_FOUND and what to do', async () => {
    const query = await call('start_query', { sql: 'SELECT * FROM demo.nope.nothing' });
    expect(query.isError).toBe(true);
    expect(query.json.error.code).toBe('NOT_FOUND');
    expect(query.json.error.hint).toContain('search_datasets');
    const fields = await call('list_schema_fields', { dataset: 'demo.nope.nothing' });
    expect(fields.isError).toBe(true);
    expect(fields.json.error.code).toBe('NOT_FOUND');
    const profile = await call('profile_column', { dataset: 'demo.dim.accounts', column: 'no_such_column' });
    expect(profile.json.error.code).toBe('NOT_FOUND');
  });

  it('remembers, recalls and forgets a note', async () => {
    const fact = `npm contract note ${Date.now()}: revenue means demo.fct.billings_allocated.alloc_amount`;
    const note = (await answer('remember', { fact, about: ['demo.fct.billings_allocated'] })).remembered;
    const recalled = await answer('recall', { query: 'revenue alloc_amount' });
    expect(recalled.notes.map((n: { id: string }) => n.id)).toContain(note.id);
    const search = await answer('search_datasets', { query: 'allocated billing amount' });
    expect((search.notes ?? []).map((n: { id: string }) => n.id)).toContain(note.id);
    expect((await answer('forget', { id: note.id })).forgotten).toBe(note.id);
    expect((await call('forget', { id: note.id })).json.error.code).toBe('NOT_FOUND');
  });

  it('runs a Code Mode script that calls the tools', async () => {
    const tools = await answer('search_tools', { query: 'profile' });
    expect(tools.tools.map((t: { name: string }) => t.name)).toContain('profile_column');
    const result = await answer('execute', {
      script: "const found = await townlake.search_datasets({ query: 'accounts', limit: 5 });\nconst p = await townlake.profile_column({ dataset: 'demo.dim.accounts', column: 'account_id' });\nreturn { names: found.results.map(r => r.name), column: p.column };",
    });
    expect(result.result.names).toContain('demo.dim.accounts');
    expect(result.result.column).toBe('account_id');
    const forever = await call('execute', { script: 'while (true) {}' });
    expect(forever.isError).toBe(true);
  });
});
