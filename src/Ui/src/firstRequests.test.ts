import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { homeDatasetsQuery, meQuery, startFirstRequests } from './firstRequests';

const caller = { user: { urn: 'urn:tl:user:ada', name: 'ada', displayName: 'Ada' }, groups: [], isAdmin: false, canEdit: true };
const dataset = (name: string, queryCount = 0) => ({
  urn: `urn:tl:dataset:${name}`, name, platform: 'duckdb', kind: 'TABLE', description: null, updatedAt: '2026-01-01T00:00:00Z',
  tags: [], deprecation: null, usage: { queryCount },
});

/** A GraphQL server on the fetch the client calls: it answers Me and Home, and records the operations it was asked for. */
function serveGraphQL() {
  const operations: string[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const { query } = JSON.parse(String(init.body)) as { query: string };
    const operation = /query (\w+)/.exec(query)![1];
    operations.push(operation);
    const data = operation === 'Me'
      ? { me: caller }
      : { curated: { nodes: [dataset('demo.dim.accounts')] }, mostUsed: { nodes: [dataset('demo.fct.usage', 3), dataset('demo.raw.never')] }, recent: { nodes: [] } };
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return operations;
}

afterEach(() => vi.unstubAllGlobals());

describe('startFirstRequests', () => {
  it('asks for the caller and, on the home page, its dataset lists, into the queries the pages read', async () => {
    const operations = serveGraphQL();
    const client = new QueryClient();
    startFirstRequests(client, '/');
    await vi.waitFor(() => expect(client.getQueryData(homeDatasetsQuery.queryKey)).toBeDefined());
    await vi.waitFor(() => expect(client.getQueryData(meQuery.queryKey)).toEqual(caller));
    expect(operations.sort()).toEqual(['Home', 'Me']);
    expect(client.getQueryData(homeDatasetsQuery.queryKey)).toMatchObject({
      curated: [{ name: 'demo.dim.accounts' }],
      mostUsed: [{ name: 'demo.fct.usage' }],
      recent: [],
    });
  });

  it('asks only for the caller on other pages', async () => {
    const operations = serveGraphQL();
    const client = new QueryClient();
    startFirstRequests(client, '/dataset/demo.dim.accounts');
    await vi.waitFor(() => expect(client.getQueryData(meQuery.queryKey)).toEqual(caller));
    expect(operations).toEqual(['Me']);
    expect(client.getQueryData(homeDatasetsQuery.queryKey)).toBeUndefined();
  });

  it('starts nothing again when the boot script and the app both call it, while under way or once answered', async () => {
    const operations = serveGraphQL();
    const client = new QueryClient();
    startFirstRequests(client, '/');
    startFirstRequests(client, '/');
    await vi.waitFor(() => expect(client.getQueryData(homeDatasetsQuery.queryKey)).toBeDefined());
    await vi.waitFor(() => expect(client.getQueryData(meQuery.queryKey)).toBeDefined());
    startFirstRequests(client, '/');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(operations.sort()).toEqual(['Home', 'Me']);
  });
});
