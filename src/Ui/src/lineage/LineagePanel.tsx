import '@xyflow/react/dist/style.css';
import { useQuery } from '@tanstack/react-query';
import {
  Background, BaseEdge, Controls, getBezierPath, Handle, MiniMap, Position, ReactFlow,
  type EdgeProps, type NodeProps,
} from '@xyflow/react';
import { createContext, memo, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import { fetchLineage } from '../api/operations';
import type { LineageDirection, LineageGraph } from '../api/types';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { buildFlow, mergeGraphs, traceColumn, type LineageFlowNode } from './graph';

interface PanelProps {
  datasetName: string;
  urn: string;
  direction: LineageDirection;
  depth: number;
  columns: boolean;
  column: string | null;
  compact?: boolean;
}

const ExpandContext = createContext<{ expand: (urn: string) => void; pending: ReadonlySet<string> }>({ expand: () => {}, pending: new Set() });

/** The lineage graph of one dataset: layered layout, click + to expand a node, links to each node's page. */
export default function LineagePanel({ datasetName, urn, direction, depth, columns, column, compact = false }: PanelProps) {
  const base = useQuery({
    queryKey: ['lineage', urn, direction, depth, columns],
    queryFn: ({ signal }) => fetchLineage(urn, direction, depth, columns, signal),
  });
  const [extra, setExtra] = useState<LineageGraph | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [pending, setPending] = useState<Set<string>>(() => new Set());
  const [expandError, setExpandError] = useState<string | null>(null);
  useEffect(() => { setExtra(null); setExpanded(new Set()); }, [urn, direction, depth, columns]);

  const graph = useMemo(() => (base.data && extra ? mergeGraphs(base.data, extra) : base.data ?? null), [base.data, extra]);
  const trace = useMemo(() => (graph && column ? traceColumn(graph, datasetName, column) : null), [graph, datasetName, column]);
  const flow = useMemo(() => (graph ? buildFlow(graph, { trace, expanded }) : null), [graph, trace, expanded]);

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
  const context = useMemo(() => ({ expand, pending }), [expand, pending]);

  if (base.isPending) return <Loading what="lineage" />;
  if (base.isError) return <ErrorNotice error={base.error} what="lineage" />;
  if (!graph || !flow) return null;
  if (graph.edges.length === 0) return <Empty>No lineage is recorded for {datasetName} in this direction.</Empty>;
  const large = flow.nodes.length > 300;

  return (
    <div className={compact ? 'lineage compact' : 'lineage'}>
      <p className="muted small" role="status">
        {flow.nodes.length} nodes, {flow.edges.length} edges
        {column && trace && <> · column <code>{column}</code> flows through {trace.nodeIds.size} nodes</>}
      </p>
      {graph.truncated && (
        <p className="notice warn" role="note">The graph was truncated at the node limit: lower the depth or pick one direction to see the rest.</p>
      )}
      {expandError && <p className="error-text" role="alert">Could not expand: {expandError}</p>}
      <ExpandContext.Provider value={context}>
        <div className="lineage-canvas" aria-label={`Lineage graph of ${datasetName}`} role="figure">
          <ReactFlow
            nodes={flow.nodes}
            edges={flow.edges}
            nodeTypes={NODE_TYPES}
            edgeTypes={EDGE_TYPES}
            defaultEdgeOptions={{ type: 'lineage' }}
            fitView
            fitViewOptions={{ maxZoom: 1, padding: 0.1 }}
            minZoom={0.02}
            onlyRenderVisibleElements={large}
            nodesDraggable={!large}
            nodesConnectable={false}
            elementsSelectable={false}
            colorMode="system"
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
            {!compact && !large && <MiniMap pannable zoomable ariaLabel="Lineage overview" />}
          </ReactFlow>
        </div>
      </ExpandContext.Provider>
    </div>
  );
}

const LineageNodeView = memo(function LineageNodeView({ data }: NodeProps<LineageFlowNode>) {
  const { expand, pending } = useContext(ExpandContext);
  const node = data.lineage;
  const datasetName = node.dataset?.name ?? node.name;
  const href = node.column
    ? `${entityPath('DATASET', datasetName)}?column=${encodeURIComponent(node.column)}`
    : entityPath('DATASET', datasetName);
  const classes = ['lineage-node', data.isRoot && 'root', data.highlighted && 'highlighted', data.dimmed && 'dimmed'].filter(Boolean).join(' ');
  return (
    <div className={classes} data-testid="lineage-node" data-urn={node.urn} data-name={datasetName}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <Link to={href} className="lineage-node-title nodrag" title={node.name}>{node.column ? `${datasetName}.${node.column}` : datasetName}</Link>
      <div className="lineage-node-meta">
        <span>{node.dataset?.platform ?? node.type.toLowerCase()}</span>
        <span>{node.depth === 0 ? 'this dataset' : node.depth < 0 ? `${-node.depth} up` : `${node.depth} down`}</span>
        {!data.isRoot && !data.expanded && (
          <button type="button" className="expand nodrag" aria-label={`Expand lineage of ${node.name}`} disabled={pending.has(node.urn)}
            onClick={() => expand(node.urn)}>{pending.has(node.urn) ? '…' : '+'}</button>
        )}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

function LineageEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style }: EdgeProps) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <g data-testid="lineage-edge"><BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} /></g>;
}

const NODE_TYPES = { lineage: LineageNodeView };
const EDGE_TYPES = { lineage: LineageEdgeView };
