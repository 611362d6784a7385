// Turns a LineageGraph from the API into positioned React Flow nodes and edges (dagre layered
// layout, upstream on the left) and merges expansions. The column-level graph is columnGraph.ts.
import dagre from '@dagrejs/dagre';
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { LineageEdge, LineageGraph, LineageNode } from '../api/types';
import { layeredLayout } from './layered';

export const NODE_WIDTH = 300;
export const NODE_HEIGHT = 64;
const RANK_SEP = 90;
const NODE_SEP = 16;

/**
 * Where each node's two edge anchors sit (as the Handle components draw them: 6 px, centred on the
 * left and right borders). Known up front, React Flow can route edges to nodes it has not drawn,
 * so with onlyRenderVisibleElements it draws only what is on screen instead of first drawing and
 * measuring every node once.
 */
const HANDLES: NodeHandle[] = [
  { type: 'target', position: Position.Left, x: -3, y: NODE_HEIGHT / 2 - 3, width: 6, height: 6 },
  { type: 'source', position: Position.Right, x: NODE_WIDTH - 3, y: NODE_HEIGHT / 2 - 3, width: 6, height: 6 },
];

/** Above this many nodes the graph is laid out by layeredLayout and drawn without per-node extras. */
export const LARGE_GRAPH_NODES = 300;

/** Where a node sits relative to the root: the API's depth counts steps either way. */
export type LineageSide = 'root' | 'upstream' | 'downstream' | 'both' | 'other';

export interface LineageNodeData extends Record<string, unknown> {
  lineage: LineageNode;
  isRoot: boolean;
  side: LineageSide;
  expanded: boolean;
}

export type LineageFlowNode = Node<LineageNodeData, 'lineage'>;

export function edgeKey(edge: LineageEdge): string {
  return `${edge.upstream}\u0000${edge.downstream}\u0000${edge.upstreamColumn ?? ''}\u0000${edge.downstreamColumn ?? ''}`;
}

/** Adds the nodes and edges of `extra` that `base` does not have yet; the root stays the base's. */
export function mergeGraphs(base: LineageGraph, extra: LineageGraph): LineageGraph {
  const nodes = new Map(base.nodes.map((n) => [n.urn, n]));
  for (const node of extra.nodes) if (!nodes.has(node.urn)) nodes.set(node.urn, node);
  const edges = new Map(base.edges.map((e) => [edgeKey(e), e]));
  for (const edge of extra.edges) if (!edges.has(edgeKey(edge))) edges.set(edgeKey(edge), edge);
  return { root: base.root, nodes: [...nodes.values()], edges: [...edges.values()], truncated: base.truncated || extra.truncated };
}

/** Which nodes feed the root (upstream) and which it feeds (downstream), following the edges. */
export function sidesOf(graph: LineageGraph): Map<string, LineageSide> {
  const reach = (from: (e: LineageEdge) => string, to: (e: LineageEdge) => string) => {
    const next = new Map<string, string[]>();
    for (const edge of graph.edges) (next.get(from(edge)) ?? next.set(from(edge), []).get(from(edge))!).push(to(edge));
    const seen = new Set<string>([graph.root]);
    const queue = [graph.root];
    while (queue.length > 0) {
      for (const following of next.get(queue.pop()!) ?? []) {
        if (!seen.has(following)) { seen.add(following); queue.push(following); }
      }
    }
    return seen;
  };
  const upstream = reach((e) => e.downstream, (e) => e.upstream);
  const downstream = reach((e) => e.upstream, (e) => e.downstream);
  const sides = new Map<string, LineageSide>();
  for (const node of graph.nodes) {
    const up = upstream.has(node.urn);
    const down = downstream.has(node.urn);
    sides.set(node.urn, node.urn === graph.root ? 'root' : up && down ? 'both' : up ? 'upstream' : down ? 'downstream' : 'other');
  }
  return sides;
}

/** dagre's layered layout: the better picture for the graphs people usually open (up to a few hundred nodes). */
function dagreLayout(nodeIds: readonly string[], edges: readonly (readonly [string, string])[]): Map<string, { x: number; y: number }> {
  const layout = new dagre.graphlib.Graph({ multigraph: false });
  // dagre's default network-simplex ranking is slow past a hundred or so nodes; tight-tree ranks a
  // lineage graph (already a DAG of hops) about as well in a fraction of the time.
  const ranker = nodeIds.length > 150 ? 'tight-tree' : 'network-simplex';
  layout.setGraph({ rankdir: 'LR', nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 20, marginy: 20, ranker });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const id of nodeIds) layout.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const [from, to] of edges) layout.setEdge(from, to);
  dagre.layout(layout);
  return new Map(nodeIds.map((id) => { const { x, y } = layout.node(id); return [id, { x, y }]; }));
}

/**
 * Positioned nodes and edges for React Flow. Parallel edges between the same two nodes (one per
 * column pair) are drawn once, so a column-level graph stays readable and cheap to render.
 */
export function buildFlow(
  graph: LineageGraph,
  options: { expanded?: ReadonlySet<string> } = {},
): { nodes: LineageFlowNode[]; edges: Edge[] } {
  // A column-level walk may return column nodes while its edges join datasets (naming the columns):
  // such column nodes would float unconnected, so only columns some edge ends at are drawn.
  const ends = new Set(graph.edges.flatMap((e) => [e.upstream, e.downstream]));
  const shown = graph.nodes.filter((n) => n.type !== 'COLUMN' || ends.has(n.urn));
  const known = new Set(shown.map((n) => n.urn));

  const drawn = new Map<string, { edge: LineageEdge; keys: string[] }>();
  for (const edge of graph.edges) {
    if (!known.has(edge.upstream) || !known.has(edge.downstream) || edge.upstream === edge.downstream) continue;
    const id = `${edge.upstream}\u0000${edge.downstream}`;
    const entry = drawn.get(id);
    if (entry) entry.keys.push(edgeKey(edge));
    else drawn.set(id, { edge, keys: [edgeKey(edge)] });
  }
  const pairs = [...drawn.values()].map(({ edge }) => [edge.upstream, edge.downstream] as const);
  const centres = shown.length > LARGE_GRAPH_NODES
    ? layeredLayout(shown.map((n) => n.urn), pairs, { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT, rankSep: RANK_SEP, nodeSep: NODE_SEP })
    : dagreLayout(shown.map((n) => n.urn), pairs);

  const sides = sidesOf(graph);
  const nodes: LineageFlowNode[] = shown.map((lineage) => {
    const position = centres.get(lineage.urn)!;
    return {
      id: lineage.urn,
      type: 'lineage',
      position: { x: position.x - NODE_WIDTH / 2, y: position.y - NODE_HEIGHT / 2 },
      data: {
        lineage,
        isRoot: lineage.urn === graph.root,
        side: sides.get(lineage.urn) ?? 'other',
        expanded: options.expanded?.has(lineage.urn) ?? false,
      },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      // Known sizes and anchors: see HANDLES. Without `measured`, React Flow counts never-drawn nodes
      // as uninitialised and its fitView (the "fit view" control) waits for them forever.
      measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
      handles: HANDLES,
    };
  });
  const edges: Edge[] = [...drawn.entries()].map(([id, { edge, keys }]) => ({
    id,
    source: edge.upstream,
    target: edge.downstream,
    className: 'lineage-edge',
    data: { columns: keys.length, origin: edge.origin },
  }));
  return { nodes, edges };
}
