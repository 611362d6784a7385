import '@xyflow/react/dist/style.css';
import { useQuery } from '@tanstack/react-query';
import {
  Background, BaseEdge, Controls, getBezierPath, Handle, MarkerType, MiniMap, Position, ReactFlow, useStore,
  type EdgeProps, type NodeProps, type ReactFlowState, type Viewport,
} from '@xyflow/react';
import { createContext, memo, useCallback, useContext, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import { fetchLineage } from '../api/operations';
import type { LineageDirection, LineageGraph } from '../api/types';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { ColumnLineageView } from './ColumnLineageView';
import { EdgeJobs } from '../jobs/EdgeJobs';
import { lineageQuery } from './lineageQuery';
import { buildFlow, firstViewport, LARGE_GRAPH_NODES, mergeGraphs, MIN_ZOOM, type LineageFlowNode } from './graph';

interface PanelProps {
  datasetName: string;
  urn: string;
  direction: LineageDirection;
  depth: number;
  columns: boolean;
  /** In column mode, the followed column and the name of its dataset (the root's when null). */
  column: string | null;
  columnDataset?: string | null;
  onFollow?: (dataset: string, column: string) => void;
  compact?: boolean;
}

const ExpandContext = createContext<{ expand: (urn: string) => void; pending: ReadonlySet<string>; large: boolean }>({ expand: () => {}, pending: new Set(), large: false });

// For the "fit view" control. includeHiddenNodes makes it use the sizes the nodes are given rather
// than measured ones: nodes off screen are never drawn (onlyRenderVisibleElements), so never measured.
const FIT_ALL = { maxZoom: 1, padding: 0.1, includeHiddenNodes: true };

/** Below this zoom a big graph's nodes are drawn as plain boxes: their text would be a few pixels high anyway. */
const PLAIN_NODES_BELOW_ZOOM = 0.35;
const zoomedOut = (state: ReactFlowState) => state.transform[2] < PLAIN_NODES_BELOW_ZOOM;


/** The lineage graph of one dataset: layered layout, click + to expand a node, links to each node's page. */
export default function LineagePanel({ datasetName, urn, direction, depth, columns, column, columnDataset = null, onFollow, compact = false }: PanelProps) {
  const base = useQuery(lineageQuery(urn, direction, depth, columns));
  const [extra, setExtra] = useState<LineageGraph | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [pending, setPending] = useState<Set<string>>(() => new Set());
  const [expandError, setExpandError] = useState<string | null>(null);
  useEffect(() => { setExtra(null); setExpanded(new Set()); }, [urn, direction, depth, columns]);

  const graph = useMemo(() => (base.data && extra ? mergeGraphs(base.data, extra) : base.data ?? null), [base.data, extra]);
  const flow = useMemo(() => {
    // Column mode lays out its own nodes (ColumnLineageView).
    if (!graph || columns) return null;
    const started = performance.now();
    const built = buildFlow(graph, { expanded });
    // A User Timing entry: shows in DevTools and lets bench/UiBench separate layout from rendering.
    performance.measure('lineage-layout', { start: started, end: performance.now(), detail: { nodes: built.nodes.length, edges: built.edges.length } });
    return built;
  }, [graph, expanded, columns]);
  const follow = useMemo(() => (column ? { dataset: columnDataset ?? datasetName, column } : null), [column, columnDataset, datasetName]);
  const followInPlace = useCallback((dataset: string, name: string) => onFollow?.(dataset, name), [onFollow]);

  const expand = useCallback((nodeUrn: string) => {
    setPending((p) => new Set(p).add(nodeUrn));
    setExpandError(null);
    fetchLineage(nodeUrn, 'BOTH', 1, columns)
      .then((more) => {
        setExtra((current) => (current ? mergeGraphs(current, more) : more));
        setExpanded((e) => new Set(e).add(nodeUrn));
      })
      .catch((e: unknown) => setExpandError(errorMessage(e)))
      .finally(() => setPending((p) => { const next = new Set(p); next.delete(nodeUrn); return next; }));
  }, [columns]);
  const large = (flow?.nodes.length ?? 0) > LARGE_GRAPH_NODES;
  const context = useMemo(() => ({ expand, pending, large }), [expand, pending, large]);
  const canvas = useRef<HTMLDivElement>(null);
  // Zoomed out far enough to see most of a big graph, culling off-screen nodes on every pan step costs
  // more than it saves (nearly all are on screen), so it is switched off there.
  const [overview, setOverview] = useState(false);
  // The first view is worked out from the canvas's size before React Flow mounts (a layout effect: before the first
  // paint) and handed to it as defaultViewport. Set later (onInit, or the fitView prop), React Flow first draws and
  // then drops the nodes around (0, 0): on the 1,000-node graph a whole extra mount of nodes and edges.
  // Once per graph asked for: expanding a node keeps the view the reader has; another dataset, direction or depth is a
  // new graph, drawn afresh (keyed) in its own first view.
  const viewKey = `${urn}\u0000${direction}\u0000${depth}`;
  const [opened, setOpened] = useState<{ key: string; view: Viewport } | null>(null);
  const firstView = opened?.key === viewKey ? opened.view : null;
  useLayoutEffect(() => {
    if (firstView || !flow || !graph || !canvas.current) return;
    setOpened({ key: viewKey, view: firstViewport(flow, graph.root, { width: canvas.current.clientWidth, height: canvas.current.clientHeight }) });
  }, [firstView, flow, graph, viewKey]);
  // The jobs list under the graph waits until the graph is up: it walks every edge and sorts hundreds of jobs.
  const jobsGraph = useDeferredValue(graph, null);

  if (base.isPending) return <Loading what="lineage" />;
  if (base.isError) return <ErrorNotice error={base.error} what="lineage" />;
  if (!graph) return null;
  if (graph.edges.length === 0) return <Empty>No lineage is recorded for {datasetName} in this direction.</Empty>;
  if (columns) {
    return (
      <div className={['lineage columns', compact && 'compact', graph.nodes.filter((n) => n.type !== 'COLUMN').length > LARGE_GRAPH_NODES && 'large'].filter(Boolean).join(' ')}>
        {graph.truncated && <TruncatedNote />}
        {expandError && <p className="error-text" role="alert">Could not expand: {expandError}</p>}
        <ColumnLineageView graph={graph} datasetName={datasetName} follow={follow} onFollow={followInPlace}
          expand={expand} pending={pending} expanded={expanded} />
      </div>
    );
  }
  if (!flow) return null;

  return (
    <div className={compact ? 'lineage compact' : 'lineage'}>
      <p className="muted small" role="status">
        {flow.nodes.length} nodes, {flow.edges.length} edges
        {large && <> · showing the neighbourhood of this dataset: zoom out or use “fit view” to see all</>}
      </p>
      {graph.truncated && <TruncatedNote />}
      {expandError && <p className="error-text" role="alert">Could not expand: {expandError}</p>}
      <ExpandContext.Provider value={context}>
        <div className="lineage-canvas" ref={canvas} aria-label={`Lineage graph of ${datasetName}`} role="figure">
          {firstView && <ReactFlow
            key={viewKey}
            nodes={flow.nodes}
            edges={flow.edges}
            nodeTypes={NODE_TYPES}
            edgeTypes={EDGE_TYPES}
            defaultEdgeOptions={EDGE_OPTIONS}
            defaultViewport={firstView}
            fitViewOptions={FIT_ALL}
            minZoom={MIN_ZOOM}
            onlyRenderVisibleElements={large && !overview}
            onMoveEnd={(_, viewport) => setOverview(viewport.zoom < PLAIN_NODES_BELOW_ZOOM)}
            nodesDraggable={!large}
            nodesConnectable={false}
            elementsSelectable={false}
            // Edges carry no action or label of their own (the nodes' links and the panel's text say the same).
            edgesFocusable={false}
            colorMode="system"
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
            {!compact && !large && <MiniMap pannable zoomable ariaLabel="Lineage overview" />}
          </ReactFlow>}
        </div>
      </ExpandContext.Provider>
      {jobsGraph && <EdgeJobs graph={jobsGraph} />}
    </div>
  );
}

function TruncatedNote() {
  return <p className="notice warn" role="note">The graph was truncated at the node limit: lower the depth or pick one direction to see the rest.</p>;
}

const LineageNodeView = memo(function LineageNodeView({ data }: NodeProps<LineageFlowNode>) {
  const { expand, pending, large } = useContext(ExpandContext);
  const plain = useStore(zoomedOut) && large;
  const node = data.lineage;
  const datasetName = node.dataset?.name ?? node.name;
  const href = node.column
    ? `${entityPath('DATASET', datasetName)}?column=${encodeURIComponent(node.column)}`
    : entityPath('DATASET', datasetName);
  const classes = ['lineage-node', data.isRoot && 'root', plain && 'plain'].filter(Boolean).join(' ');
  if (plain) {
    return (
      <div className={classes} data-testid="lineage-node" data-urn={node.urn} data-name={datasetName} title={datasetName}>
        <Handle type="target" position={Position.Left} isConnectable={false} />
        <Handle type="source" position={Position.Right} isConnectable={false} />
      </div>
    );
  }
  return (
    <div className={classes} data-testid="lineage-node" data-urn={node.urn} data-name={datasetName}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Link to={href} className="lineage-node-title nodrag" title={node.column ? `${datasetName}.${node.column}` : datasetName}>
        <NodeName dataset={datasetName} column={node.column} />
      </Link>
      <div className="lineage-node-meta">
        <span>{node.dataset?.platform ?? node.type.toLowerCase()}</span>
        <span>{SIDE_LABEL[data.side](Math.abs(node.depth))}</span>
        {!data.isRoot && !data.expanded && (
          <button type="button" className="expand nodrag" aria-label={`Expand lineage of ${node.name}`} disabled={pending.has(node.urn)}
            onClick={() => expand(node.urn)}>{pending.has(node.urn) ? '…' : '+'}</button>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

/** The full name, with its last part (table or column) standing out; the text stays the full name. */
function NodeName({ dataset, column }: { dataset: string; column?: string | null }) {
  const full = column ? `${dataset}.${column}` : dataset;
  const cut = column ? dataset.length + 1 : dataset.lastIndexOf('.') + 1;
  return <><span className="lineage-node-prefix">{full.slice(0, cut)}</span><strong>{full.slice(cut)}</strong></>;
}

function LineageEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style }: EdgeProps) {
  const { large } = useContext(ExpandContext);
  // Zoomed out over a big graph the arrowheads are sub-pixel, and thousands of SVG markers are what
  // makes panning stutter under software rendering; upstream is on the left anyway.
  const plain = useStore(zoomedOut) && large;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <g data-testid="lineage-edge"><BaseEdge id={id} path={path} markerEnd={plain ? undefined : markerEnd} style={style} interactionWidth={0} /></g>;
}

const SIDE_LABEL: Record<LineageFlowNode['data']['side'], (steps: number) => string> = {
  root: () => 'this dataset',
  upstream: (steps) => `${steps} up`,
  downstream: (steps) => `${steps} down`,
  both: (steps) => `${steps} away, up and down`,
  other: (steps) => `${steps} away`,
};

const EDGE_OPTIONS = { type: 'lineage', markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--muted)' } };

const NODE_TYPES = { lineage: LineageNodeView };
const EDGE_TYPES = { lineage: LineageEdgeView };
