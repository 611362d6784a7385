// The column-level lineage graph: every dataset node lists its columns, and edges run from column to column with the
// transformation and expression that derive one from the other. Pure functions, so the model, the path a column
// follows and the layout are unit-tested without a browser.
import dagre from '@dagrejs/dagre';
import { Position, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import type { LineageEdge, LineageGraph, LineageNode } from '../api/types';
import { LARGE_GRAPH_NODES, NODE_WIDTH, sidesOf, type LineageSide } from './graph';
import { layeredLayout } from './layered';

/** The dataset's name and platform line at the top of a column node. */
export const COLUMN_NODE_HEADER = 52;
/** One column entry. */
export const COLUMN_ROW = 24;
/** The "all columns" / "only columns on the path" toggle under the entries. */
export const COLUMN_NODE_FOOTER = 26;
const RANK_SEP = 140;
const NODE_SEP = 20;

/** A column flowing into a column, a column used indirectly (filter, join, condition), or a dataset-wide dependency. */
export type LinkKind = 'column' | 'indirect' | 'dataset';

/** One edge of the column-level graph: from a column (or a whole dataset) to a column (or a whole dataset). */
export interface ColumnLink {
  id: string;
  upstream: string;
  upstreamColumn: string | null;
  downstream: string;
  downstreamColumn: string | null;
  kind: LinkKind;
  origin: string;
  transformation: string | null;
  expression: string | null;
  job: string | null;
  jobUrn: string | null;
}

export interface ColumnDataset {
  node: LineageNode;
  /** The dataset's name as people read it (catalog.schema.table). */
  name: string;
  /** Columns some edge starts or ends at, in name order. */
  pathColumns: string[];
}

export interface ColumnModel {
  root: string;
  datasets: Map<string, ColumnDataset>;
  links: ColumnLink[];
}

/** A column of one dataset: the dataset's URN and the column's name. */
export interface ColumnRef { dataset: string; column: string }

export const columnKey = (dataset: string, column: string) => `${dataset}\u0000${column.toLowerCase()}`;

/**
 * Reads an API lineage graph walked with `columns: true` into datasets with their columns and column-to-column
 * links. Column nodes (urn:tl:schemaField:…) are folded into their dataset, and edges naming the same pair of
 * columns twice (from SQL and from OpenLineage, say) are kept once.
 */
export function columnModel(graph: LineageGraph): ColumnModel {
  const datasets = new Map<string, ColumnDataset>();
  const columnSets = new Map<string, Map<string, string>>();
  const datasetOfColumnNode = new Map<string, string>();
  for (const node of graph.nodes) {
    if (node.type === 'COLUMN') continue;
    datasets.set(node.urn, { node, name: node.dataset?.name ?? node.name, pathColumns: [] });
    columnSets.set(node.urn, new Map());
  }
  const byName = new Map([...datasets.values()].map((d) => [d.name, d.node.urn]));
  for (const node of graph.nodes) {
    if (node.type !== 'COLUMN' || !node.column || !node.dataset) continue;
    const owner = byName.get(node.dataset.name);
    if (owner) datasetOfColumnNode.set(node.urn, owner);
  }
  const note = (dataset: string, column: string | null) => {
    if (!column) return;
    const set = columnSets.get(dataset);
    if (set && !set.has(column.toLowerCase())) set.set(column.toLowerCase(), column);
  };

  const links = new Map<string, ColumnLink>();
  for (const edge of graph.edges) {
    const link = toLink(edge, datasetOfColumnNode);
    if (!datasets.has(link.upstream) || !datasets.has(link.downstream)) continue;
    if (links.has(link.id)) continue;
    links.set(link.id, link);
    note(link.upstream, link.upstreamColumn);
    note(link.downstream, link.downstreamColumn);
  }
  // A dataset-to-dataset edge adds nothing when column edges already join the same two datasets.
  const joined = new Set([...links.values()].filter((l) => l.kind !== 'dataset').map((l) => `${l.upstream}\u0000${l.downstream}`));
  const kept = [...links.values()].filter((l) => l.kind !== 'dataset' || !joined.has(`${l.upstream}\u0000${l.downstream}`));
  for (const [urn, set] of columnSets) {
    datasets.get(urn)!.pathColumns = [...set.values()].sort((a, b) => a.localeCompare(b));
  }
  return { root: graph.root, datasets, links: kept };
}

function toLink(edge: LineageEdge, datasetOfColumnNode: ReadonlyMap<string, string>): ColumnLink {
  // Edges between column nodes name their datasets through the nodes; edges between datasets name their columns.
  const upstream = datasetOfColumnNode.get(edge.upstream) ?? edge.upstream;
  const downstream = datasetOfColumnNode.get(edge.downstream) ?? edge.downstream;
  const upstreamColumn = edge.upstreamColumn || columnOfUrn(edge.upstream, datasetOfColumnNode);
  const downstreamColumn = edge.downstreamColumn || columnOfUrn(edge.downstream, datasetOfColumnNode);
  // INDIRECT-only transformations (a filter, a join key, a CASE condition) influence the column without flowing into it.
  const indirectOnly = !!edge.transformation && edge.transformation.split(',').every((t) => t.trim().toUpperCase().startsWith('INDIRECT'));
  const kind: LinkKind = upstreamColumn && downstreamColumn && !indirectOnly ? 'column' : upstreamColumn || downstreamColumn ? 'indirect' : 'dataset';
  return {
    id: `${upstream}\u0000${upstreamColumn ?? ''}\u0000${downstream}\u0000${downstreamColumn ?? ''}`,
    upstream, upstreamColumn, downstream, downstreamColumn, kind,
    origin: edge.origin,
    transformation: edge.transformation ?? null,
    expression: edge.expression ?? null,
    job: edge.job?.name ?? null,
    jobUrn: edge.job?.urn ?? null,
  };
}

function columnOfUrn(urn: string, datasetOfColumnNode: ReadonlyMap<string, string>): string | null {
  if (!datasetOfColumnNode.has(urn)) return null;
  // urn:tl:schemaField:(<dataset urn>,<column>)
  const comma = urn.lastIndexOf(',');
  return comma > 0 && urn.endsWith(')') ? urn.slice(comma + 1, -1) : null;
}

/** One step of a column's path, `depth` hops from the followed column (negative upstream). */
export interface PathStep { link: ColumnLink; depth: number }

export interface ColumnPath {
  /** columnKey of every column on the path, the followed one included. */
  columns: Set<string>;
  /** Datasets the path passes through. */
  datasets: Set<string>;
  links: Set<string>;
  /** Upstream steps first (farthest first), then downstream ones (nearest first). */
  steps: PathStep[];
}

/**
 * Everything upstream and downstream of one column, column by column. Direct edges are followed; an indirect edge
 * (a column used by a filter or join of the whole downstream dataset) is shown when it touches the path but not
 * followed, since it does not say which column it feeds.
 */
export function followColumn(model: ColumnModel, from: ColumnRef): ColumnPath {
  const downstreamOf = new Map<string, ColumnLink[]>();
  const upstreamOf = new Map<string, ColumnLink[]>();
  for (const link of model.links) {
    if (link.upstreamColumn) push(downstreamOf, columnKey(link.upstream, link.upstreamColumn), link);
    if (link.downstreamColumn) push(upstreamOf, columnKey(link.downstream, link.downstreamColumn), link);
  }
  const start = columnKey(from.dataset, from.column);
  const path: ColumnPath = { columns: new Set([start]), datasets: new Set([from.dataset]), links: new Set(), steps: [] };
  const walk = (adjacent: Map<string, ColumnLink[]>, upstream: boolean) => {
    const found: PathStep[] = [];
    let frontier = [start];
    const seen = new Set(frontier);
    for (let depth = 1; frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const key of frontier) {
        for (const link of adjacent.get(key) ?? []) {
          if (path.links.has(link.id)) continue;
          path.links.add(link.id);
          found.push({ link, depth: upstream ? -depth : depth });
          const dataset = upstream ? link.upstream : link.downstream;
          const column = upstream ? link.upstreamColumn : link.downstreamColumn;
          path.datasets.add(dataset);
          if (!column) continue;
          const following = columnKey(dataset, column);
          path.columns.add(following);
          if (!seen.has(following)) { seen.add(following); next.push(following); }
        }
      }
      frontier = next;
    }
    return found;
  };
  const upstream = walk(upstreamOf, true);
  const downstream = walk(downstreamOf, false);
  path.steps = [...upstream.sort((a, b) => a.depth - b.depth), ...downstream];
  return path;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

export interface ColumnNodeData extends Record<string, unknown> {
  dataset: ColumnDataset;
  isRoot: boolean;
  side: LineageSide;
  /** The entries drawn, in order; `onPath` tells the ones some edge touches. */
  columns: { name: string; onPath: boolean; highlighted: boolean; followed: boolean }[];
  /** Whether every column of the dataset is listed (rather than the ones on the path). */
  showingAll: boolean;
  highlighted: boolean;
  dimmed: boolean;
  expanded: boolean;
}

export type ColumnFlowNode = Node<ColumnNodeData, 'columns'>;

export interface ColumnEdgeData extends Record<string, unknown> {
  link: ColumnLink;
  from: string;
  to: string;
  highlighted: boolean;
}

export type ColumnFlowEdge = Edge<ColumnEdgeData, 'column'>;

export const handleId = (side: 'in' | 'out', column: string | null) => (column ? `${side}:${column.toLowerCase()}` : side);

export function columnNodeHeight(entries: number): number {
  return COLUMN_NODE_HEADER + entries * COLUMN_ROW + COLUMN_NODE_FOOTER;
}

/**
 * Positioned column nodes and column edges for React Flow. `allColumns` holds the full column list of the datasets
 * the user expanded to all columns; the others list the columns on the path.
 */
export function buildColumnFlow(
  model: ColumnModel,
  options: { path?: ColumnPath | null; followed?: ColumnRef | null; allColumns?: ReadonlyMap<string, readonly string[]>; expanded?: ReadonlySet<string> } = {},
): { nodes: ColumnFlowNode[]; edges: ColumnFlowEdge[] } {
  const path = options.path ?? null;
  const followedKey = options.followed ? columnKey(options.followed.dataset, options.followed.column) : null;
  const sides = sidesOf({ root: model.root, nodes: [...model.datasets.values()].map((d) => d.node), edges: model.links.map((l) => ({ upstream: l.upstream, downstream: l.downstream, origin: l.origin })), truncated: false });

  const entries = new Map<string, ColumnNodeData['columns']>();
  for (const [urn, dataset] of model.datasets) {
    const onPath = new Set(dataset.pathColumns.map((c) => c.toLowerCase()));
    const all = options.allColumns?.get(urn);
    const names = all ? [...all] : [...dataset.pathColumns];
    // A followed column with no lineage of its own is still listed, so it can be seen to have none.
    if (followedKey && options.followed!.dataset === urn && !names.some((n) => n.toLowerCase() === options.followed!.column.toLowerCase())) {
      names.unshift(options.followed!.column);
    }
    entries.set(urn, names.map((name) => {
      const key = columnKey(urn, name);
      return { name, onPath: onPath.has(name.toLowerCase()), highlighted: path?.columns.has(key) ?? false, followed: key === followedKey };
    }));
  }

  const ids = [...model.datasets.keys()];
  const heights = new Map(ids.map((id) => [id, columnNodeHeight(entries.get(id)!.length)]));
  const pairs = uniquePairs(model.links);
  const centres = ids.length > LARGE_GRAPH_NODES
    ? layeredLayout(ids, pairs, { nodeWidth: NODE_WIDTH, nodeHeight: COLUMN_NODE_HEADER, rankSep: RANK_SEP, nodeSep: NODE_SEP, heightOf: (id) => heights.get(id)! })
    : dagreLayout(ids, pairs, heights);

  const nodes: ColumnFlowNode[] = ids.map((urn) => {
    const dataset = model.datasets.get(urn)!;
    const columns = entries.get(urn)!;
    const height = heights.get(urn)!;
    const centre = centres.get(urn)!;
    const highlighted = path ? path.datasets.has(urn) : false;
    return {
      id: urn,
      type: 'columns',
      position: { x: centre.x - NODE_WIDTH / 2, y: centre.y - height / 2 },
      data: {
        dataset, isRoot: urn === model.root, side: sides.get(urn) ?? 'other', columns,
        showingAll: options.allColumns?.has(urn) ?? false,
        highlighted, dimmed: path != null && !highlighted, expanded: options.expanded?.has(urn) ?? false,
      },
      width: NODE_WIDTH,
      height,
      measured: { width: NODE_WIDTH, height },
      handles: handlesOf(columns.map((c) => c.name)),
    };
  });

  const edges: ColumnFlowEdge[] = model.links.map((link) => {
    const highlighted = path?.links.has(link.id) ?? false;
    return {
      id: link.id,
      type: 'column',
      source: link.upstream,
      target: link.downstream,
      sourceHandle: handleId('out', link.upstreamColumn),
      targetHandle: handleId('in', link.downstreamColumn),
      className: ['lineage-edge', `link-${link.kind}`, highlighted ? 'highlighted' : path ? 'dimmed' : ''].filter(Boolean).join(' '),
      data: {
        link,
        from: columnLabel(model, link.upstream, link.upstreamColumn),
        to: columnLabel(model, link.downstream, link.downstreamColumn),
        highlighted,
      },
    };
  });
  return { nodes, edges };
}

/** "demo.raw.billing_line_items.billed_amount", or the dataset's name for a dataset-wide end. */
export function columnLabel(model: ColumnModel, dataset: string, column: string | null): string {
  const name = model.datasets.get(dataset)?.name ?? dataset;
  return column ? `${name}.${column}` : name;
}

/** What an edge does, in plain words: "aggregation", "identity", "filter (indirect)". */
export function describeTransformation(link: ColumnLink): string {
  if (link.kind === 'dataset') return 'dataset dependency';
  const raw = link.transformation?.trim();
  if (!raw) return link.kind === 'indirect' ? 'used indirectly' : 'derived';
  const words = raw.split(',').map((part) => {
    const [type, subtype] = part.trim().split('/');
    const what = (subtype || type || '').toLowerCase().replace(/_/g, ' ');
    return type?.toUpperCase() === 'INDIRECT' ? `${what} (indirect)` : what;
  });
  return [...new Set(words)].join(', ');
}

function uniquePairs(links: readonly ColumnLink[]): (readonly [string, string])[] {
  const seen = new Set<string>();
  const pairs: (readonly [string, string])[] = [];
  for (const link of links) {
    if (link.upstream === link.downstream) continue;
    const key = `${link.upstream}\u0000${link.downstream}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push([link.upstream, link.downstream]);
  }
  return pairs;
}

/**
 * Anchors known up front (see HANDLES in graph.ts): the dataset-wide pair beside the header and one pair beside each
 * column entry, so React Flow routes edges to nodes it has not drawn yet.
 */
function handlesOf(columns: readonly string[]): NodeHandle[] {
  const handles: NodeHandle[] = [
    { id: 'in', type: 'target', position: Position.Left, x: -3, y: COLUMN_NODE_HEADER / 2 - 3, width: 6, height: 6 },
    { id: 'out', type: 'source', position: Position.Right, x: NODE_WIDTH - 3, y: COLUMN_NODE_HEADER / 2 - 3, width: 6, height: 6 },
  ];
  columns.forEach((column, i) => {
    const y = COLUMN_NODE_HEADER + i * COLUMN_ROW + COLUMN_ROW / 2 - 3;
    handles.push({ id: handleId('in', column), type: 'target', position: Position.Left, x: -3, y, width: 6, height: 6 });
    handles.push({ id: handleId('out', column), type: 'source', position: Position.Right, x: NODE_WIDTH - 3, y, width: 6, height: 6 });
  });
  return handles;
}

function dagreLayout(ids: readonly string[], pairs: readonly (readonly [string, string])[], heights: ReadonlyMap<string, number>) {
  const layout = new dagre.graphlib.Graph({ multigraph: false });
  layout.setGraph({ rankdir: 'LR', nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 20, marginy: 20, ranker: ids.length > 150 ? 'tight-tree' : 'network-simplex' });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) layout.setNode(id, { width: NODE_WIDTH, height: heights.get(id)! });
  for (const [from, to] of pairs) layout.setEdge(from, to);
  dagre.layout(layout);
  return new Map(ids.map((id) => { const { x, y } = layout.node(id); return [id, { x, y }]; }));
}
