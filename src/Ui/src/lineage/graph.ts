// Turns a LineageGraph from the API into positioned React Flow nodes and edges (dagre layered
// layout, upstream on the left) and merges expansions. The column-level graph is columnGraph.ts.
import dagre from '@dagrejs/dagre';
import { getViewportForBounds, Position, type Edge, type Node, type NodeHandle, type Viewport } from '@xyflow/react';
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

/** The lowest zoom the graph allows (and the first view of a small graph may use to show it whole). */
export const MIN_ZOOM = 0.02;

/**
 * The view a graph opens with on a canvas of this size: a small graph whole; a big one (over LARGE_GRAPH_NODES) at full
 * size on its root and as many of the root's neighbours as fit, the root always on screen. A thousand nodes fitted into
 * one screen are unreadable and cost about a second to draw ("fit view" shows them all); at full size only a few dozen
 * nodes are on screen, so only they are drawn. Given to React Flow as its defaultViewport, so its first drawing is
 * already the right one instead of the nodes around (0, 0) drawn, dropped and replaced once the view is set.
 */
export function firstViewport(
  flow: { nodes: readonly LineageFlowNode[]; edges: readonly Edge[] }, root: string, canvas: { width: number; height: number },
): Viewport {
  const large = flow.nodes.length > LARGE_GRAPH_NODES;
  const near = new Set([root]);
  if (large) {
    for (const edge of flow.edges) {
      if (edge.source === root) near.add(edge.target);
      if (edge.target === root) near.add(edge.source);
    }
  }
  const focus = large ? flow.nodes.filter((n) => near.has(n.id)) : flow.nodes;
  if (focus.length === 0) return { x: 0, y: 0, zoom: 1 };
  const view = getViewportForBounds(boundsOf(focus), canvas.width, canvas.height, large ? 1 : MIN_ZOOM, 1, 0.1);
  const rootNode = flow.nodes.find((n) => n.id === root);
  if (!large || !rootNode) return view;
  // The neighbourhood may be taller or wider than the screen at full size: slide the view until the root is on it.
  const margin = 16;
  const left = rootNode.position.x + view.x;
  const top = rootNode.position.y + view.y;
  const shiftX = left < margin ? margin - left : left + NODE_WIDTH > canvas.width - margin ? canvas.width - margin - NODE_WIDTH - left : 0;
  const shiftY = top < margin ? margin - top : top + NODE_HEIGHT > canvas.height - margin ? canvas.height - margin - NODE_HEIGHT - top : 0;
  return { x: view.x + shiftX, y: view.y + shiftY, zoom: view.zoom };
}

function boundsOf(nodes: readonly LineageFlowNode[]) {
  let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
  for (const node of nodes) {
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + NODE_WIDTH);
    bottom = Math.max(bottom, node.position.y + NODE_HEIGHT);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
