import {
  Background, BaseEdge, Controls, getBezierPath, getViewportForBounds, Handle, MarkerType, Position, ReactFlow,
  type EdgeProps, type NodeProps, type ReactFlowInstance,
} from '@xyflow/react';
import { createContext, memo, useCallback, useContext, useRef } from 'react';
import { Link } from 'react-router';
import { entityPath } from '../components/entityPath';
import {
  COLUMN_NODE_HEADER, COLUMN_ROW, describeTransformation, handleId,
  type ColumnEdgeData, type ColumnFlowEdge, type ColumnFlowNode, type ColumnLink,
} from './columnGraph';
import { NODE_WIDTH } from './graph';

/** What the nodes of the column graph can ask of the page around them. */
export interface ColumnActions {
  follow: (datasetName: string, column: string) => void;
  toggleAllColumns: (datasetUrn: string, datasetName: string) => void;
  expand: (urn: string) => void;
  pending: ReadonlySet<string>;
  loadingColumns: ReadonlySet<string>;
  large: boolean;
}

const ActionsContext = createContext<ColumnActions>({
  follow: () => {}, toggleAllColumns: () => {}, expand: () => {}, pending: new Set(), loadingColumns: new Set(), large: false,
});

const MIN_ZOOM = 0.02;
const FIT_ALL = { maxZoom: 1, padding: 0.1, includeHiddenNodes: true };

/** The column-level graph: dataset nodes listing their columns, one edge per column pair. */
export function ColumnLineageCanvas({ nodes, edges, root, label, actions, onSelectLink }: {
  nodes: ColumnFlowNode[];
  edges: ColumnFlowEdge[];
  root: string;
  label: string;
  actions: ColumnActions;
  onSelectLink: (link: ColumnLink) => void;
}) {
  const canvas = useRef<HTMLDivElement>(null);
  // Opens on the root and its neighbours when the graph is big (as the dataset-level graph does), on everything otherwise.
  const showFirstView = useCallback((instance: ReactFlowInstance<ColumnFlowNode, ColumnFlowEdge>) => {
    if (!canvas.current || nodes.length === 0) return;
    const near = new Set([root]);
    if (actions.large) {
      for (const edge of edges) {
        if (edge.source === root) near.add(edge.target);
        if (edge.target === root) near.add(edge.source);
      }
    }
    const focus = actions.large ? nodes.filter((n) => near.has(n.id)) : nodes;
    const left = Math.min(...focus.map((n) => n.position.x));
    const top = Math.min(...focus.map((n) => n.position.y));
    const right = Math.max(...focus.map((n) => n.position.x + NODE_WIDTH));
    const bottom = Math.max(...focus.map((n) => n.position.y + (n.height ?? COLUMN_NODE_HEADER)));
    const { clientWidth, clientHeight } = canvas.current;
    void instance.setViewport(getViewportForBounds({ x: left, y: top, width: right - left, height: bottom - top },
      clientWidth, clientHeight, actions.large ? 0.5 : MIN_ZOOM, 1, 0.1));
  }, [nodes, edges, root, actions.large]);
  const onEdgeClick = useCallback((_: unknown, edge: ColumnFlowEdge) => { if (edge.data) onSelectLink(edge.data.link); }, [onSelectLink]);

  return (
    <ActionsContext.Provider value={actions}>
      <div className="lineage-canvas" ref={canvas} aria-label={label} role="figure" aria-describedby="column-path-note">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          defaultEdgeOptions={EDGE_OPTIONS}
          onInit={showFirstView}
          onEdgeClick={onEdgeClick}
          fitViewOptions={FIT_ALL}
          minZoom={MIN_ZOOM}
          onlyRenderVisibleElements={actions.large}
          nodesDraggable={!actions.large}
          nodesConnectable={false}
          elementsSelectable={false}
          // Every edge is listed, with its transformation, in the table under the graph; tabbing through hundreds of
          // unlabelled curves would only be in the way.
          edgesFocusable={false}
          colorMode="system"
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </ActionsContext.Provider>
  );
}

const ColumnNodeView = memo(function ColumnNodeView({ data }: NodeProps<ColumnFlowNode>) {
  const { follow, toggleAllColumns, expand, pending, loadingColumns } = useContext(ActionsContext);
  const { dataset } = data;
  const name = dataset.name;
  const urn = dataset.node.urn;
  const classes = ['lineage-node', 'with-columns', data.isRoot && 'root', data.highlighted && 'highlighted', data.dimmed && 'dimmed'].filter(Boolean).join(' ');
  const onPath = data.columns.filter((c) => c.onPath).length;
  return (
    <div className={classes} data-testid="lineage-node" data-urn={urn} data-name={name} style={{ height: '100%' }}>
      <Handle id="in" type="target" position={Position.Left} isConnectable={false} style={{ top: COLUMN_NODE_HEADER / 2 }} />
      <Handle id="out" type="source" position={Position.Right} isConnectable={false} style={{ top: COLUMN_NODE_HEADER / 2 }} />
      <div className="lineage-node-head" style={{ height: COLUMN_NODE_HEADER }}>
        <Link to={entityPath('DATASET', name)} className="lineage-node-title nodrag" title={name}>
          <span className="lineage-node-prefix">{name.slice(0, name.lastIndexOf('.') + 1)}</span><strong>{name.slice(name.lastIndexOf('.') + 1)}</strong>
        </Link>
        <div className="lineage-node-meta">
          <span>{dataset.node.dataset?.platform ?? 'dataset'}</span>
          <span>{data.showingAll ? `${onPath} of ${data.columns.length} columns on the path` : `${onPath} ${onPath === 1 ? 'column' : 'columns'} on the path`}</span>
          {!data.isRoot && !data.expanded && (
            <button type="button" className="expand nodrag" aria-label={`Expand lineage of ${name}`} disabled={pending.has(urn)}
              onClick={() => expand(urn)}>{pending.has(urn) ? '…' : '+'}</button>
          )}
        </div>
      </div>
      <ul className="lineage-columns" aria-label={`Columns of ${name}`}>
        {data.columns.map((c) => (
          <li key={c.name} data-testid="lineage-column" data-column={c.name} data-dataset={name} style={{ height: COLUMN_ROW }}
            className={['lineage-column', c.onPath ? 'on-path' : 'off-path', c.highlighted && 'highlighted', c.followed && 'followed'].filter(Boolean).join(' ')}>
            <Handle id={handleId('in', c.name)} type="target" position={Position.Left} isConnectable={false} />
            <button type="button" className="column-follow nodrag" aria-pressed={c.followed}
              title={c.followed ? `Following ${c.name}` : `Follow ${c.name} upstream and downstream`}
              onClick={() => follow(name, c.name)}>
              {c.name}
            </button>
            <Handle id={handleId('out', c.name)} type="source" position={Position.Right} isConnectable={false} />
          </li>
        ))}
      </ul>
      <button type="button" className="link-button column-toggle nodrag" disabled={loadingColumns.has(urn)}
        onClick={() => toggleAllColumns(urn, name)}>
        {loadingColumns.has(urn) ? 'Loading columns…' : data.showingAll ? 'Only columns on the path' : 'All columns'}
      </button>
    </div>
  );
});

function ColumnEdgeView({ id, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style }: EdgeProps<ColumnFlowEdge>) {
  const { large } = useContext(ActionsContext);
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const d = data as ColumnEdgeData;
  return (
    <g data-testid="lineage-column-edge" data-from={d.from} data-to={d.to}
      data-from-column={d.link.upstreamColumn ?? ''} data-to-column={d.link.downstreamColumn ?? ''} data-kind={d.link.kind}>
      <title>{edgeSentence(d)}</title>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} interactionWidth={large ? 0 : 12} />
    </g>
  );
}

/** "demo.raw.billing_line_items.billed_amount → demo.fct.billings_allocated.alloc_amount: transformation (CASE WHEN …)". */
export function edgeSentence(d: Pick<ColumnEdgeData, 'from' | 'to' | 'link'>): string {
  const how = describeTransformation(d.link);
  return `${d.from} → ${d.to}: ${how}${d.link.expression ? ` (${d.link.expression})` : ''}`;
}

const EDGE_OPTIONS = { type: 'column', markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: 'var(--muted)' } };
const NODE_TYPES = { columns: ColumnNodeView };
const EDGE_TYPES = { column: ColumnEdgeView };

/** Column names of the followed path's table and the impact list link back to the columns' rows. */
export function columnHref(datasetName: string, column: string | null): string {
  return column ? `${entityPath('DATASET', datasetName)}?column=${encodeURIComponent(column)}` : entityPath('DATASET', datasetName);
}

