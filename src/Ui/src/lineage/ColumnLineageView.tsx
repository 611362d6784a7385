import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import { fetchDatasetColumns } from '../api/operations';
import type { LineageGraph } from '../api/types';
import { ColumnLineageCanvas, type ColumnActions } from './ColumnLineageCanvas';
import { ColumnPathTable } from './ColumnPathTable';
import { buildColumnFlow, columnLabel, columnModel, describeTransformation, followColumn, type ColumnLink, type ColumnRef } from './columnGraph';
import { LARGE_GRAPH_NODES } from './graph';
import { ImpactList } from './ImpactList';
import { jobPath } from '../jobs/jobPath';

/**
 * Column mode of the lineage panel: the graph with its columns, the selected edge's transformation, the followed
 * column's path as a table, and the impact list.
 */
export function ColumnLineageView({ graph, datasetName, follow, onFollow, expand, pending, expanded }: {
  graph: LineageGraph;
  datasetName: string;
  /** The followed column: its dataset's name and the column's. */
  follow: { dataset: string; column: string } | null;
  onFollow: (dataset: string, column: string) => void;
  expand: (urn: string) => void;
  pending: ReadonlySet<string>;
  expanded: ReadonlySet<string>;
}) {
  const client = useQueryClient();
  const model = useMemo(() => columnModel(graph), [graph]);
  const [allColumns, setAllColumns] = useState<ReadonlyMap<string, readonly string[]>>(() => new Map());
  const [loadingColumns, setLoadingColumns] = useState<ReadonlySet<string>>(() => new Set());
  const [columnsError, setColumnsError] = useState<string | null>(null);
  const [selected, setSelected] = useState<ColumnLink | null>(null);

  const followed: ColumnRef | null = useMemo(() => {
    if (!follow) return null;
    const dataset = [...model.datasets.values()].find((d) => d.name === follow.dataset);
    return dataset ? { dataset: dataset.node.urn, column: follow.column } : null;
  }, [model, follow]);
  const path = useMemo(() => (followed ? followColumn(model, followed) : null), [model, followed]);
  const flow = useMemo(() => {
    const started = performance.now();
    const built = buildColumnFlow(model, { path, followed, allColumns, expanded });
    // The same User Timing entry as the dataset-level graph, so bench/UiBench can time either.
    performance.measure('lineage-layout', { start: started, end: performance.now(), detail: { nodes: built.nodes.length, edges: built.edges.length, columns: true } });
    return built;
  }, [model, path, followed, allColumns, expanded]);

  const toggleAllColumns = useCallback((urn: string, name: string) => {
    if (allColumns.has(urn)) {
      setAllColumns((current) => { const next = new Map(current); next.delete(urn); return next; });
      return;
    }
    setLoadingColumns((current) => new Set(current).add(urn));
    setColumnsError(null);
    client.fetchQuery({ queryKey: ['dataset-columns', name], queryFn: ({ signal }) => fetchDatasetColumns(name, signal), staleTime: 60_000 })
      .then((columns) => setAllColumns((current) => new Map(current).set(urn, columns)))
      .catch((e: unknown) => setColumnsError(`Could not list the columns of ${name}: ${errorMessage(e)}`))
      .finally(() => setLoadingColumns((current) => { const next = new Set(current); next.delete(urn); return next; }));
  }, [allColumns, client]);

  const large = flow.nodes.length > LARGE_GRAPH_NODES;
  const actions: ColumnActions = useMemo(() => ({ follow: onFollow, toggleAllColumns, expand, pending, loadingColumns, large }),
    [onFollow, toggleAllColumns, expand, pending, loadingColumns, large]);
  const followedLabel = followed ? columnLabel(model, followed.dataset, followed.column) : null;
  const columnEdges = model.links.filter((l) => l.kind !== 'dataset').length;

  return (
    <>
      <p className="muted small" role="status" id="column-path-note">
        {model.datasets.size} datasets, {columnEdges} column {columnEdges === 1 ? 'edge' : 'edges'}
        {followedLabel && path && <> · following <code>{followedLabel}</code> through {path.columns.size} columns in {path.datasets.size} datasets</>}
        {!followedLabel && <> · pick a column in the graph to follow it upstream and downstream</>}
        {' '}· the path is also listed as a table below the graph
      </p>
      {columnsError && <p className="error-text" role="alert">{columnsError}</p>}
      <ColumnLineageCanvas nodes={flow.nodes} edges={flow.edges} root={model.root} label={`Column-level lineage graph of ${datasetName}`}
        actions={actions} onSelectLink={setSelected} />
      {selected && <EdgeDetails link={selected} from={columnLabel(model, selected.upstream, selected.upstreamColumn)}
        to={columnLabel(model, selected.downstream, selected.downstreamColumn)} onClose={() => setSelected(null)} />}
      <ColumnPathTable model={model} path={path} followedLabel={followedLabel} selected={selected} onSelect={setSelected} />
      {followed && <ImpactList urn={followed.dataset} datasetName={model.datasets.get(followed.dataset)!.name} column={followed.column} />}
    </>
  );
}

/** The clicked edge: which column feeds which, how (transformation) and with what expression. */
function EdgeDetails({ link, from, to, onClose }: { link: ColumnLink; from: string; to: string; onClose: () => void }) {
  return (
    <aside className="edge-details" aria-label="Selected column edge" data-testid="edge-details" aria-live="polite">
      <p>
        <strong><code>{from}</code> → <code>{to}</code></strong>
        <button type="button" className="link-button" onClick={onClose}>Close</button>
      </p>
      <dl className="facts">
        <dt>Transformation</dt><dd>{describeTransformation(link)}{link.transformation && <span className="muted small"> ({link.transformation})</span>}</dd>
        <dt>Expression</dt><dd>{link.expression ? <pre className="code">{link.expression}</pre> : <span className="muted">None recorded</span>}</dd>
        <dt>Recorded from</dt><dd>{link.origin}{link.job && <> · job {link.jobUrn ? <Link to={jobPath(link.jobUrn)} data-testid="edge-job">{link.job}</Link> : link.job}</>}</dd>
      </dl>
    </aside>
  );
}
