import type { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { lineageSettings, prefetchLineagePage } from './lineageQuery';

/** The query keys prefetchLineagePage asks for at an address (nothing is fetched: the client only records them). */
function prefetchedAt(pathname: string, search = ''): unknown[] {
  const keys: unknown[] = [];
  const client = { prefetchQuery: (query: { queryKey: unknown }) => { keys.push(query.queryKey); return Promise.resolve(); } };
  prefetchLineagePage(client as unknown as QueryClient, pathname, search);
  return keys;
}

describe('lineageSettings', () => {
  it('reads direction, depth and column mode, with defaults and the depth kept within 1 to 10', () => {
    expect(lineageSettings(new URLSearchParams(''))).toEqual({ direction: 'BOTH', depth: 3, columns: false });
    expect(lineageSettings(new URLSearchParams('direction=UPSTREAM&depth=10&columns=1'))).toEqual({ direction: 'UPSTREAM', depth: 10, columns: true });
    expect(lineageSettings(new URLSearchParams('direction=sideways&depth=99'))).toEqual({ direction: 'BOTH', depth: 10, columns: false });
    expect(lineageSettings(new URLSearchParams('depth=-4'))).toEqual({ direction: 'BOTH', depth: 1, columns: false });
  });
});

describe('prefetchLineagePage', () => {
  it('starts the dataset and the graph a lineage page reads, with the same keys', () => {
    expect(prefetchedAt('/dataset/demo.fct.billings_allocated/lineage', '?direction=UPSTREAM&depth=10')).toEqual([
      ['dataset', 'demo.fct.billings_allocated'],
      ['lineage', 'urn:tl:dataset:demo.fct.billings_allocated', 'UPSTREAM', 10, false],
    ]);
  });

  it('decodes the dataset name of the address', () => {
    expect(prefetchedAt('/dataset/demo.raw.odd%20name/lineage')[0]).toEqual(['dataset', 'demo.raw.odd name']);
  });

  it('leaves the column-level graph to the page, which asks for more', () => {
    expect(prefetchedAt('/dataset/demo.fct.billings_allocated/lineage', '?columns=1')).toEqual([['dataset', 'demo.fct.billings_allocated']]);
  });

  it('starts nothing on other pages', () => {
    expect(prefetchedAt('/')).toEqual([]);
    expect(prefetchedAt('/dataset/demo.fct.billings_allocated')).toEqual([]);
    expect(prefetchedAt('/search', '?q=lineage')).toEqual([]);
  });
});
