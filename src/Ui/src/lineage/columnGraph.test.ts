import { describe, expect, it } from 'vitest';
import type { LineageEdge, LineageGraph, LineageNode } from '../api/types';
import { buildColumnFlow, columnKey, columnModel, describeTransformation, followColumn, handleId } from './columnGraph';

const ds = (urn: string, depth = 0): LineageNode => ({ urn, name: urn, type: 'DATASET', depth, dataset: { name: urn, platform: 'duckdb' } });
const col = (dataset: string, column: string): LineageNode =>
  ({ urn: `urn:tl:schemaField:(${dataset},${column})`, name: column, type: 'COLUMN', column, depth: 0, dataset: { name: dataset, platform: 'duckdb' } });
const edge = (upstream: string, upstreamColumn: string | null, downstream: string, downstreamColumn: string | null, more: Partial<LineageEdge> = {}): LineageEdge =>
  ({ upstream, downstream, upstreamColumn, downstreamColumn, origin: 'sql', ...more });

// The demo's billing chain: raw line items -> allocated billings -> ARR, plus a classification seed joined in.
const graph: LineageGraph = {
  root: 'billings',
  truncated: false,
  nodes: [ds('lines', 1), ds('seed', 1), ds('billings'), ds('arr', 1), col('billings', 'alloc_amount'), col('lines', 'billed_amount')],
  edges: [
    edge('lines', null, 'billings', null),
    edge('lines', 'billed_amount', 'billings', 'alloc_amount', { transformation: 'DIRECT/TRANSFORMATION', expression: "CASE WHEN l.plan_interval = 'annual' THEN l.billed_amount / 12 ELSE l.billed_amount END" }),
    edge('lines', 'plan_interval', 'billings', 'alloc_amount', { transformation: 'INDIRECT/CONDITIONAL' }),
    edge('lines', 'billed_amount', 'billings', 'billed_amount', { transformation: 'DIRECT/IDENTITY' }),
    edge('lines', 'currency', 'billings', null, { transformation: 'INDIRECT/FILTER' }),
    edge('seed', 'is_billable_usage', 'billings', 'is_billable_usage', { transformation: 'DIRECT/IDENTITY' }),
    edge('billings', 'alloc_amount', 'arr', 'arr', { transformation: 'DIRECT/AGGREGATION', expression: 'sum(b.alloc_amount)' }),
    // The same pair of columns reported twice (from SQL and OpenLineage) is one edge.
    edge('billings', 'alloc_amount', 'arr', 'arr', { transformation: 'DIRECT/AGGREGATION', expression: 'sum(b.alloc_amount)' }),
  ],
};

describe('columnModel', () => {
  it('lists on every dataset the columns its edges touch, and folds column nodes into their dataset', () => {
    const model = columnModel(graph);
    expect([...model.datasets.keys()].sort()).toEqual(['arr', 'billings', 'lines', 'seed']);
    expect(model.datasets.get('lines')!.pathColumns).toEqual(['billed_amount', 'currency', 'plan_interval']);
    expect(model.datasets.get('billings')!.pathColumns).toEqual(['alloc_amount', 'billed_amount', 'is_billable_usage']);
  });

  it('keeps one edge per column pair instead of one per dataset pair', () => {
    const model = columnModel(graph);
    const intoAlloc = model.links.filter((l) => l.downstream === 'billings' && l.downstreamColumn === 'alloc_amount');
    expect(intoAlloc.map((l) => l.upstreamColumn).sort()).toEqual(['billed_amount', 'plan_interval']);
    expect(model.links.filter((l) => l.downstream === 'arr')).toHaveLength(1);
  });

  it('drops a dataset-to-dataset edge where column edges join the same datasets, and keeps it where none do', () => {
    expect(columnModel(graph).links.some((l) => l.kind === 'dataset')).toBe(false);
    const onlyDatasets = columnModel({ ...graph, edges: [edge('lines', null, 'billings', null)] });
    expect(onlyDatasets.links.map((l) => l.kind)).toEqual(['dataset']);
  });

  it('reads edges between column nodes as column edges of their datasets', () => {
    const model = columnModel({
      root: 'billings', truncated: false,
      nodes: [ds('lines'), ds('billings'), col('lines', 'billed_amount'), col('billings', 'alloc_amount')],
      edges: [edge('urn:tl:schemaField:(lines,billed_amount)', null, 'urn:tl:schemaField:(billings,alloc_amount)', null)],
    });
    expect(model.links).toEqual([expect.objectContaining({ upstream: 'lines', upstreamColumn: 'billed_amount', downstream: 'billings', downstreamColumn: 'alloc_amount', kind: 'column' })]);
  });

  it('ignores edges to datasets the walk did not return instead of failing', () => {
    const model = columnModel({ ...graph, edges: [...graph.edges, edge('billings', 'x', 'missing', 'y')] });
    expect(model.links.some((l) => l.downstream === 'missing')).toBe(false);
  });
});

describe('followColumn', () => {
  it('walks upstream and downstream column by column, not dataset by dataset', () => {
    const path = followColumn(columnModel(graph), { dataset: 'billings', column: 'alloc_amount' });
    expect([...path.columns].sort()).toEqual([
      columnKey('arr', 'arr'), columnKey('billings', 'alloc_amount'), columnKey('lines', 'billed_amount'), columnKey('lines', 'plan_interval'),
    ].sort());
    // is_billable_usage comes from the seed, which alloc_amount does not touch.
    expect(path.datasets.has('seed')).toBe(false);
    expect(path.steps.map((s) => [s.link.upstreamColumn, s.link.downstreamColumn, s.depth])).toEqual([
      ['billed_amount', 'alloc_amount', -1], ['plan_interval', 'alloc_amount', -1], ['alloc_amount', 'arr', 1],
    ]);
  });

  it('lists upstream steps farthest first', () => {
    const chain = columnModel({
      root: 'c', truncated: false, nodes: [ds('a'), ds('b'), ds('c')],
      edges: [edge('a', 'x', 'b', 'y'), edge('b', 'y', 'c', 'z')],
    });
    expect(followColumn(chain, { dataset: 'c', column: 'z' }).steps.map((s) => s.depth)).toEqual([-2, -1]);
  });

  it('matches the column name regardless of case and survives cycles', () => {
    const cyclic = columnModel({
      root: 'a', truncated: false, nodes: [ds('a'), ds('b')],
      edges: [edge('a', 'ID', 'b', 'id'), edge('b', 'id', 'a', 'ID')],
    });
    const path = followColumn(cyclic, { dataset: 'a', column: 'id' });
    expect(path.links.size).toBe(2);
    expect(path.datasets).toEqual(new Set(['a', 'b']));
  });
});

describe('buildColumnFlow', () => {
  it('draws one edge per column pair between the columns\' own anchors', () => {
    const { nodes, edges } = buildColumnFlow(columnModel(graph));
    const intoAlloc = edges.filter((e) => e.target === 'billings' && e.targetHandle === handleId('in', 'alloc_amount'));
    expect(intoAlloc.map((e) => e.sourceHandle).sort()).toEqual([handleId('out', 'billed_amount'), handleId('out', 'plan_interval')]);
    const billings = nodes.find((n) => n.id === 'billings')!;
    expect(billings.handles!.map((h) => h.id)).toContain(handleId('in', 'alloc_amount'));
    expect(billings.data.columns.map((c) => c.name)).toEqual(['alloc_amount', 'billed_amount', 'is_billable_usage']);
  });

  it('gives taller nodes to datasets with more columns and keeps upstream on the left', () => {
    const { nodes } = buildColumnFlow(columnModel(graph));
    const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
    expect(byId.lines.height!).toBeGreaterThan(byId.arr.height!);
    expect(byId.lines.position.x).toBeLessThan(byId.billings.position.x);
    expect(byId.billings.position.x).toBeLessThan(byId.arr.position.x);
  });

  it('highlights the followed path and dims the rest', () => {
    const model = columnModel(graph);
    const followed = { dataset: 'billings', column: 'alloc_amount' };
    const { nodes, edges } = buildColumnFlow(model, { path: followColumn(model, followed), followed });
    const billings = nodes.find((n) => n.id === 'billings')!;
    expect(billings.data.columns.filter((c) => c.highlighted).map((c) => c.name)).toEqual(['alloc_amount']);
    expect(billings.data.columns.find((c) => c.followed)?.name).toBe('alloc_amount');
    expect(nodes.find((n) => n.id === 'seed')!.data.dimmed).toBe(true);
    expect(edges.filter((e) => e.data!.highlighted)).toHaveLength(3);
  });

  it('lists every column of a dataset shown in full, marking those on the path', () => {
    const model = columnModel(graph);
    const { nodes } = buildColumnFlow(model, { allColumns: new Map([['arr', ['account_id', 'account_name', 'plan', 'arr']]]) });
    const arr = nodes.find((n) => n.id === 'arr')!;
    expect(arr.data.columns.map((c) => [c.name, c.onPath])).toEqual([['account_id', false], ['account_name', false], ['plan', false], ['arr', true]]);
    expect(arr.data.showingAll).toBe(true);
  });

  // Loose bound on purpose (shared 2-core CI): it catches an accidentally quadratic model or dagre on a big graph.
  it('builds a thousand datasets with three thousand column edges quickly', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => ds(`n${i}`, Math.floor(i / 100)));
    const edges = Array.from({ length: 3000 }, (_, i) => {
      const from = i % 900;
      return edge(`n${from}`, `c${i % 5}`, `n${Math.min(999, from + 100 + (i % 7))}`, `c${(i + 1) % 5}`);
    });
    const started = performance.now();
    const model = columnModel({ root: 'n0', nodes, edges, truncated: false });
    const flow = buildColumnFlow(model, { path: followColumn(model, { dataset: 'n0', column: 'c0' }), followed: { dataset: 'n0', column: 'c0' } });
    expect(flow.nodes).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('describeTransformation', () => {
  it('reads OpenLineage types in plain words', () => {
    const link = (transformation: string | null, kind: 'column' | 'indirect' = 'column') => ({
      id: '', upstream: '', downstream: '', upstreamColumn: 'a', downstreamColumn: kind === 'column' ? 'b' : null, kind, origin: 'sql', transformation, expression: null, job: null, jobUrn: null,
    });
    expect(describeTransformation(link('DIRECT/AGGREGATION'))).toBe('aggregation');
    expect(describeTransformation(link('DIRECT/IDENTITY'))).toBe('identity');
    expect(describeTransformation(link('INDIRECT/FILTER', 'indirect'))).toBe('filter (indirect)');
    expect(describeTransformation(link(null))).toBe('derived');
  });
});
