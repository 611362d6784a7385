import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import LineagePanel from '../lineage/LineagePanel';
import { datasetQuery } from '../dataset/datasetQuery';
import { clampDepth, datasetUrn, DIRECTIONS, lineageQuery, lineageSettings } from '../lineage/lineageQuery';

/** /dataset/:name/lineage?direction=BOTH&depth=3&columns=1&column=account_id (&of=<dataset>: a column of another dataset in the graph) */
export default function LineagePage() {
  const name = useParams().name!;
  const [params, setParams] = useSearchParams();
  usePageTitle(`Lineage of ${name}`);
  const { direction, depth, columns } = lineageSettings(params);
  const column = columns ? params.get('column') || null : null;
  const columnDataset = column ? params.get('of') || null : null;
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key); else next.set(key, value);
    setParams(next, { replace: true });
  };
  const follow = useCallback((of: string, col: string) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('column', col);
      if (of === name) next.delete('of'); else next.set('of', of);
      return next;
    }, { replace: true });
  }, [name, setParams]);
  // On a first visit the app shell asked for both while this page's code loaded (App.tsx); otherwise they start here,
  // together: the graph needs only the dataset's URN, which its name gives. The panel reads the same query key.
  const dataset = useQuery(datasetQuery(name));
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!columns) void queryClient.prefetchQuery(lineageQuery(datasetUrn(name), direction, depth, false));
  }, [queryClient, name, direction, depth, columns]);

  if (dataset.isPending) return <Loading what={`dataset ${name}`} />;
  if (dataset.isError) return <ErrorNotice error={dataset.error} what={`dataset ${name}`} />;
  if (!dataset.data) return <Empty>No dataset is named “{name}”.</Empty>;
  const d = dataset.data;

  return (
    <section className="lineage-page">
      <h1>Lineage of <Link to={entityPath('DATASET', d.name)}>{d.name}</Link></h1>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <label>Direction{' '}
          <select value={direction} onChange={(e) => set('direction', e.target.value)}>
            {DIRECTIONS.map((dir) => <option key={dir} value={dir}>{dir.toLowerCase()}</option>)}
          </select>
        </label>
        <label>Depth{' '}
          <input type="number" min={1} max={10} value={depth} onChange={(e) => set('depth', String(clampDepth(Number(e.target.value) || 1)))} />
        </label>
        <label>
          <input type="checkbox" checked={columns} onChange={(e) => { const next = new URLSearchParams(params); if (e.target.checked) next.set('columns', '1'); else { next.delete('columns'); next.delete('column'); next.delete('of'); } setParams(next, { replace: true }); }} />
          {' '}Column level
        </label>
        {columns && (
          <label>Follow column{' '}
            <select value={columnDataset ? '' : column ?? ''} onChange={(e) => { const next = new URLSearchParams(params); next.delete('of'); if (e.target.value) next.set('column', e.target.value); else next.delete('column'); setParams(next, { replace: true }); }}>
              <option value="">{columnDataset ? `${columnDataset}.${column}` : '(none)'}</option>
              {d.columns.map((c) => <option key={c.urn} value={c.name}>{c.name}</option>)}
            </select>
          </label>
        )}
      </form>
      <LineagePanel datasetName={d.name} urn={d.urn} direction={direction} depth={depth} columns={columns} column={column}
        columnDataset={columnDataset} onFollow={follow} />
    </section>
  );
}
