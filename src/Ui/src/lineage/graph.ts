// Turns a LineageGraph from the API into positioned React Flow nodes and edges (dagre layered
// layout, upstream on the left), merges expansions, and traces how one column flows.
import dagre from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';
import type { LineageEdge, LineageGraph, LineageNode } from '../api/types';

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 64;

export interface LineageNodeData extends Record<string, unknown> {
  lineage: LineageNode;
  isRoot: boolean;
  highlighted: boolean;
  dimmed: boolean;
  expanded: boolean;
}

export type LineageFlowNode = Node<LineageNodeData, 'lineage'>;

export interface ColumnTrace { nodeIds: Set<string>; edgeKeys: Set<string> }

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

/**
 * The nodes and edges a column flows through, upstream and downstream. Works both when nodes are
 * datasets and edges name their columns, and when nodes are columns themselves.
 */
export function traceColumn(graph: LineageGraph, datasetName: string, column: string): ColumnTrace {
  const keyOf = (urn: string, col: string | null | undefined) => (col ? `${urn}\u0000${col}` : urn);
  const nodeOfKey = new Map<string, string>();
  const downstreamOf = new Map<string, LineageEdge[]>();
  const upstreamOf = new Map<string, LineageEdge[]>();
  for (const edge of graph.edges) {
    const up = keyOf(edge.upstream, edge.upstreamColumn);
    const down = keyOf(edge.downstream, edge.downstreamColumn);
    nodeOfKey.set(up, edge.upstream);
    nodeOfKey.set(down, edge.downstream);
    (downstreamOf.get(up) ?? downstreamOf.set(up, []).get(up)!).push(edge);
    (upstreamOf.get(down) ?? upstreamOf.set(down, []).get(down)!).push(edge);
  }
  const wanted = column.toLowerCase();
  const starts = new Set<string>();
  for (const node of graph.nodes) {
    const isRootDataset = node.urn === graph.root || node.dataset?.name === datasetName || node.name === datasetName;
    if (node.column && node.column.toLowerCase() === wanted && (node.dataset?.name === datasetName || node.urn === graph.root)) {
      starts.add(node.urn);
    } else if (isRootDataset) {
      starts.add(keyOf(node.urn, column));
      for (const key of nodeOfKey.keys()) {
        if (nodeOfKey.get(key) === node.urn && key.toLowerCase() === keyOf(node.urn, wanted).toLowerCase()) starts.add(key);
      }
    }
  }
  const trace: ColumnTrace = { nodeIds: new Set(), edgeKeys: new Set() };
  const walk = (adjacent: Map<string, LineageEdge[]>, next: (e: LineageEdge) => string) => {
    const queue = [...starts];
    const seen = new Set(queue);
    while (queue.length > 0) {
      const key = queue.shift()!;
      const nodeId = nodeOfKey.get(key);
      if (nodeId) trace.nodeIds.add(nodeId);
      for (const edge of adjacent.get(key) ?? []) {
        trace.edgeKeys.add(edgeKey(edge));
        const following = next(edge);
        if (!seen.has(following)) { seen.add(following); queue.push(following); }
      }
    }
  };
  walk(downstreamOf, (e) => keyOf(e.downstream, e.downstreamColumn));
  walk(upstreamOf, (e) => keyOf(e.upstream, e.upstreamColumn));
  return trace;
}

/**
 * Positioned nodes and edges for React Flow. Parallel edges between the same two nodes (one per
 * column pair) are drawn once, so a column-level graph stays readable and cheap to render.
 */
export function buildFlow(
  graph: LineageGraph,
  options: { trace?: ColumnTrace | null; expanded?: ReadonlySet<string> } = {},
): { nodes: LineageFlowNode[]; edges: Edge[] } {
  const layout = new dagre.graphlib.Graph({ multigraph: false });
  // dagre's default network-simplex ranking takes tens of seconds at 1,000 nodes; tight-tree
  // ranks a lineage graph (already a DAG of hops) about as well in a fraction of the time.
  const ranker = graph.nodes.length > 150 ? 'tight-tree' : 'network-simplex';
  layout.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 90, marginx: 20, marginy: 20, ranker });
  layout.setDefaultEdgeLabel(() => ({}));
  const known = new Set(graph.nodes.map((n) => n.urn));
  for (const node of graph.nodes) layout.setNode(node.urn, { width: NODE_WIDTH, height: NODE_HEIGHT });

  const drawn = new Map<string, { edge: LineageEdge; keys: string[] }>();
  for (const edge of graph.edges) {
    if (!known.has(edge.upstream) || !known.has(edge.downstream) || edge.upstream === edge.downstream) continue;
    const id = `${edge.upstream}\u0000${edge.downstream}`;
    const entry = drawn.get(id);
    if (entry) entry.keys.push(edgeKey(edge));
    else {
      drawn.set(id, { edge, keys: [edgeKey(edge)] });
      layout.setEdge(edge.upstream, edge.downstream);
    }
  }
  dagre.layout(layout);

  const trace = options.trace ?? null;
  const nodes: LineageFlowNode[] = graph.nodes.map((lineage) => {
    const position = layout.node(lineage.urn);
    const highlighted = trace ? trace.nodeIds.has(lineage.urn) : false;
    return {
      id: lineage.urn,
      type: 'lineage',
      position: { x: position.x - NODE_WIDTH / 2, y: position.y - NODE_HEIGHT / 2 },
      data: {
        lineage,
        isRoot: lineage.urn === graph.root,
        highlighted,
        dimmed: trace != null && !highlighted,
        expanded: options.expanded?.has(lineage.urn) ?? false,
      },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    };
  });
  const edges: Edge[] = [...drawn.entries()].map(([id, { edge, keys }]) => {
    const highlighted = trace ? keys.some((k) => trace.edgeKeys.has(k)) : false;
    return {
      id,
      source: edge.upstream,
      target: edge.downstream,
      className: highlighted ? 'lineage-edge highlighted' : trace ? 'lineage-edge dimmed' : 'lineage-edge',
      animated: highlighted,
      data: { columns: keys.length, origin: edge.origin },
    };
  });
  return { nodes, edges };
}
