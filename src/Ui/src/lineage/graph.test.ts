import { describe, expect, it } from 'vitest';
import type { LineageGraph } from '../api/types';
import { buildFlow, firstViewport, mergeGraphs, NODE_HEIGHT, NODE_WIDTH, sidesOf } from './graph';

const ds = (urn: string, depth = 0) => ({ urn, name: urn, type: 'DATASET' as const, depth, dataset: { name: urn, platform: 'duckdb' } });
const edge = (upstream: string, downstream: string, upstreamColumn?: string, downstreamColumn?: string) =>
  ({ upstream, downstream, upstreamColumn, downstreamColumn, origin: 'sql' });

const graph: LineageGraph = {
  root: 'b',
  truncated: false,
  nodes: [ds('a', -1), ds('b'), ds('c', 1), ds('d', 1)],
  edges: [edge('a', 'b', 'id', 'account_id'), edge('a', 'b', 'amount', 'amount'), edge('b', 'c', 'account_id', 'acct'), edge('b', 'd', 'amount', 'total')],
};

describe('buildFlow', () => {
  it('places upstream nodes left of downstream nodes', () => {
    const { nodes } = buildFlow(graph);
    const x = Object.fromEntries(nodes.map((n) => [n.id, n.position.x]));
    expect(x.a).toBeLessThan(x.b);
    expect(x.b).toBeLessThan(x.c);
    expect(x.b).toBeLessThan(x.d);
  });

  it('draws parallel column edges between two datasets once', () => {
    const { edges } = buildFlow(graph);
    expect(edges.filter((e) => e.source === 'a' && e.target === 'b')).toHaveLength(1);
    expect(edges).toHaveLength(3);
  });

  it('drops edges whose ends are not in the graph instead of failing', () => {
    const { edges } = buildFlow({ ...graph, edges: [...graph.edges, edge('b', 'missing')] });
    expect(edges.some((e) => e.target === 'missing')).toBe(false);
  });

  // The bound is loose on purpose (shared 2-core CI); it catches dagre's default ranker, which takes ~25 s here.
  it('lays out a thousand nodes and two thousand edges quickly', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => ds(`n${i}`, Math.floor(i / 100)));
    const edges = Array.from({ length: 2000 }, (_, i) => {
      const from = i % 900;
      return edge(`n${from}`, `n${Math.min(999, from + 100 + (i % 7))}`);
    });
    const started = performance.now();
    const flow = buildFlow({ root: 'n0', nodes, edges, truncated: false });
    expect(flow.nodes).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('mergeGraphs', () => {
  it('adds new nodes and edges once and keeps the original root', () => {
    const merged = mergeGraphs(graph, { root: 'c', truncated: true, nodes: [ds('c'), ds('e', 1)], edges: [edge('b', 'c', 'account_id', 'acct'), edge('c', 'e')] });
    expect(merged.root).toBe('b');
    expect(merged.nodes.map((n) => n.urn).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(merged.edges).toHaveLength(5);
    expect(merged.truncated).toBe(true);
  });
});

describe('sidesOf', () => {
  it('tells upstream from downstream although the API counts depth as positive both ways', () => {
    const sides = sidesOf({ ...graph, nodes: graph.nodes.map((n) => ({ ...n, depth: Math.abs(n.depth) })) });
    expect(Object.fromEntries(sides)).toEqual({ a: 'upstream', b: 'root', c: 'downstream', d: 'downstream' });
  });

  it('does not draw column nodes that no edge reaches', () => {
    const column = { urn: 'b.x', name: 'x', type: 'COLUMN' as const, column: 'x', depth: 0, dataset: { name: 'b', platform: 'duckdb' } };
    const { nodes } = buildFlow({ ...graph, nodes: [...graph.nodes, column] });
    expect(nodes.map((n) => n.id)).not.toContain('b.x');
  });
});

describe('firstViewport', () => {
  const canvas = { width: 1280, height: 600 };
  // Where a node sits on the screen in a view.
  const onScreen = (view: { x: number; y: number; zoom: number }, position: { x: number; y: number }) => ({
    left: position.x * view.zoom + view.x, top: position.y * view.zoom + view.y,
    right: (position.x + NODE_WIDTH) * view.zoom + view.x, bottom: (position.y + NODE_HEIGHT) * view.zoom + view.y,
  });
  const inside = (box: ReturnType<typeof onScreen>) => box.left >= 0 && box.top >= 0 && box.right <= canvas.width && box.bottom <= canvas.height;

  it('shows a small graph whole', () => {
    const flow = buildFlow(graph);
    const view = firstViewport(flow, graph.root, canvas);
    for (const node of flow.nodes) expect(inside(onScreen(view, node.position))).toBe(true);
  });

  it('opens a big graph at full size with its root on screen, not fitted whole', () => {
    // A fan-in of 400 sources into the root: fitted whole it would be a column of specks.
    const nodes = [ds('root'), ...Array.from({ length: 400 }, (_, i) => ds(`s${i}`, -1))];
    const edges = nodes.slice(1).map((n) => edge(n.urn, 'root'));
    const flow = buildFlow({ root: 'root', nodes, edges, truncated: false });
    const view = firstViewport(flow, 'root', canvas);
    expect(view.zoom).toBe(1);
    const root = flow.nodes.find((n) => n.id === 'root')!;
    expect(inside(onScreen(view, root.position))).toBe(true);
    expect(flow.nodes.filter((n) => inside(onScreen(view, n.position))).length).toBeLessThan(30);
  });

  it('keeps the root on screen when it sits at the edge of a tall neighbourhood', () => {
    // The root feeds 400 datasets and is read by one more at the far end of the layout: the neighbourhood's centre is
    // far from the root.
    const nodes = [ds('root'), ...Array.from({ length: 400 }, (_, i) => ds(`t${i}`, 1))];
    const edges = nodes.slice(1).map((n) => edge('root', n.urn));
    const flow = buildFlow({ root: 'root', nodes, edges, truncated: false });
    const shifted = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'root' ? { ...n, position: { x: n.position.x, y: -20_000 } } : n)) };
    const view = firstViewport(shifted, 'root', canvas);
    expect(inside(onScreen(view, { x: shifted.nodes.find((n) => n.id === 'root')!.position.x, y: -20_000 }))).toBe(true);
  });
});
