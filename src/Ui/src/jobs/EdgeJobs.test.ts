import { describe, expect, it } from 'vitest';
import type { LineageGraph } from '../api/types';
import { edgeJobs } from './EdgeJobs';

const node = (name: string) => ({ urn: `urn:tl:dataset:${name}`, name, type: 'DATASET' as const, column: null, depth: 0, dataset: { name, platform: 'duckdb' } });
const edge = (up: string, down: string, job: string | null) => ({
  upstream: `urn:tl:dataset:${up}`, downstream: `urn:tl:dataset:${down}`, upstreamColumn: null, downstreamColumn: null, origin: 'openlineage',
  transformation: null, expression: null, job: job ? { urn: `urn:tl:job:${job}`, name: job } : null,
});

describe('edgeJobs', () => {
  it('lists_each_job_once_by_name_with_the_dataset_pairs_it_connects', () => {
    const graph = {
      root: 'urn:tl:dataset:c', truncated: false, nodes: [node('a'), node('b'), node('c')],
      edges: [edge('b', 'c', 'load_c'), edge('a', 'c', 'load_c'), edge('a', 'b', 'build_b'), edge('a', 'b', 'build_b'), edge('c', 'a', null)],
    } as unknown as LineageGraph;
    expect(edgeJobs(graph)).toEqual([
      { urn: 'urn:tl:job:build_b', name: 'build_b', links: ['a → b'] },
      { urn: 'urn:tl:job:load_c', name: 'load_c', links: ['b → c', 'a → c'] },
    ]);
  });
});
