import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import * as api from '../api/operations';
import type { ChangeEvent, Column, Dataset } from '../api/types';
import { ChipEditor } from '../components/ChipEditor';
import { EditableDescription } from '../components/EditableDescription';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { useCanEdit } from '../components/useMe';
import { usePageTitle } from '../components/usePageTitle';
import { ResultsGrid } from '../query/ResultsGrid';
import { formatDate } from './HomePage';

const LineagePanel = lazy(() => import('../lineage/LineagePanel'));

const TABS = ['schema', 'lineage', 'preview', 'usage', 'history'] as const;
type Tab = (typeof TABS)[number];

export function DatasetPage() {
  const name = useParams().name!;
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'schema';
  usePageTitle(name);
  const dataset = useQuery({ queryKey: ['dataset', name], queryFn: ({ signal }) => api.fetchDataset(name, signal) });

  if (dataset.isPending) return <Loading what={`dataset ${name}`} />;
  if (dataset.isError) return <ErrorNotice error={dataset.error} what={`dataset ${name}`} />;
  if (!dataset.data) return <section><h1>{name}</h1><Empty>No dataset is named “{name}”. <Link to={`/search?q=${encodeURIComponent(name)}`}>Search for it</Link>.</Empty></section>;
  const d = dataset.data;

  return (
    <article className="dataset">
      <DatasetHeader dataset={d} />
      <div role="tablist" aria-label="Dataset sections" className="tabs">
        {TABS.map((t) => (
          <button key={t} role="tab" type="button" aria-selected={t === tab} id={`tab-${t}`} aria-controls="tab-panel"
            onClick={() => { const next = new URLSearchParams(params); next.set('tab', t); next.delete('column'); setParams(next); }}>
            {t[0].toUpperCase() + t.slice(1)}
            {t === 'schema' && <span className="count">{d.columns.length}</span>}
            {t === 'lineage' && <span className="count">{d.upstreamCount}↑ {d.downstreamCount}↓</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tab-panel" aria-labelledby={`tab-${tab}`}>
        {tab === 'schema' && <SchemaTab dataset={d} focusColumn={params.get('column')} />}
        {tab === 'lineage' && (
          <Suspense fallback={<Loading what="lineage" />}>
            <p><Link to={`${entityPath('DATASET', d.name)}/lineage`}>Open the full lineage graph</Link></p>
            <LineagePanel datasetName={d.name} urn={d.urn} depth={1} direction="BOTH" columns={false} column={null} compact />
          </Suspense>
        )}
        {tab === 'preview' && <PreviewTab dataset={d} />}
        {tab === 'usage' && <UsageTab name={d.name} />}
        {tab === 'history' && <HistoryTab name={d.name} />}
      </div>
    </article>
  );
}

function useRefresh(name: string) {
  const client = useQueryClient();
  return () => Promise.all([
    client.invalidateQueries({ queryKey: ['dataset', name] }),
    client.invalidateQueries({ queryKey: ['dataset-history', name] }),
  ]).then(() => undefined);
}

function DatasetHeader({ dataset: d }: { dataset: Dataset }) {
  const canEdit = useCanEdit();
  const refresh = useRefresh(d.name);
  const edit = (action: () => Promise<void>) => async () => { await action(); await refresh(); };
  return (
    <header className="dataset-header">
      <h1>
        {d.name}
        {d.deprecation?.deprecated && <span className="badge warn" title={d.deprecation.note ?? undefined}>deprecated</span>}
        {d.removed && <span className="badge warn">removed</span>}
      </h1>
      <p className="muted small">
        {d.platform} · {d.kind.toLowerCase()}
        {d.rowCount != null && <> · {d.rowCount.toLocaleString()} rows</>}
        {d.domain && <> · domain <strong>{d.domain.name}</strong></>}
        {' '}· schema v{d.schemaVersion} · updated {formatDate(d.updatedAt)}
      </p>
      {d.deprecation?.deprecated && d.deprecation.note && <p className="notice warn">Deprecated: {d.deprecation.note}</p>}
      <EditableDescription text={d.description} canEdit={canEdit} label="dataset description"
        onSave={(text) => edit(() => api.updateDescription(d.urn, text))()} />
      <dl className="facts">
        <dt>Owners</dt>
        <dd>
          <ChipEditor label="Owner" canEdit={canEdit} emptyText="No owners."
            chips={d.owners.map((o) => ({ key: o.name, label: o.name, title: o.ownershipType.replace('_', ' ').toLowerCase() }))}
            onAdd={(v) => edit(() => api.addOwners(d.urn, [{ name: v, kind: 'USER', ownershipType: 'TECHNICAL_OWNER' }]))()}
            onRemove={(k) => edit(() => api.removeOwners(d.urn, [k]))()} />
        </dd>
        <dt>Tags</dt>
        <dd>
          <ChipEditor label="Tag" canEdit={canEdit} emptyText="No tags."
            chips={d.tags.map((t) => ({ key: t.name, label: t.name, href: entityPath('TAG', t.name), title: t.description ?? undefined }))}
            onAdd={(v) => edit(() => api.addTags(d.urn, [v]))()} onRemove={(k) => edit(() => api.removeTags(d.urn, [k]))()} />
        </dd>
        <dt>Glossary terms</dt>
        <dd>
          <ChipEditor label="Term" canEdit={canEdit} emptyText="No terms."
            chips={d.glossaryTerms.map((t) => ({ key: t.name, label: t.name, href: entityPath('GLOSSARY_TERM', t.name) }))}
            onAdd={(v) => edit(() => api.addGlossaryTerms(d.urn, [v]))()} onRemove={(k) => edit(() => api.removeGlossaryTerms(d.urn, [k]))()} />
        </dd>
      </dl>
    </header>
  );
}

function SchemaTab({ dataset: d, focusColumn }: { dataset: Dataset; focusColumn: string | null }) {
  useEffect(() => {
    if (focusColumn) document.getElementById(`column-${focusColumn}`)?.scrollIntoView({ block: 'center' });
  }, [focusColumn]);
  if (d.columns.length === 0) return <Empty>This dataset has no columns in the catalog.</Empty>;
  return (
    <div className="table-scroll">
      <table className="schema">
        <thead>
          <tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Description</th><th scope="col">Tags and terms</th></tr>
        </thead>
        <tbody>
          {[...d.columns].sort((a, b) => a.ordinal - b.ordinal).map((c) => <ColumnRow key={c.urn} dataset={d} column={c} focused={c.name === focusColumn} />)}
        </tbody>
      </table>
      {d.viewSql && (<><h3>View SQL</h3><pre className="code">{d.viewSql}</pre></>)}
    </div>
  );
}

function ColumnRow({ dataset: d, column: c, focused }: { dataset: Dataset; column: Column; focused: boolean }) {
  const canEdit = useCanEdit();
  const refresh = useRefresh(d.name);
  const edit = (action: () => Promise<void>) => async () => { await action(); await refresh(); };
  return (
    <tr data-testid="column-row" id={`column-${c.name}`} className={focused ? 'focused' : undefined}>
      <th scope="row">
        <code>{c.name}</code>
        {c.isPrimaryKey && <span className="badge key" title="Primary key">PK</span>}
        {c.foreignKey && (
          <Link className="badge key" title={`Foreign key to ${c.foreignKey.dataset}.${c.foreignKey.column}`}
            to={`${entityPath('DATASET', c.foreignKey.dataset)}?column=${encodeURIComponent(c.foreignKey.column)}`}>FK</Link>
        )}
        <div className="small"><Link to={`${entityPath('DATASET', d.name)}/lineage?columns=1&column=${encodeURIComponent(c.name)}`}>lineage</Link></div>
      </th>
      <td><code>{c.type ?? '—'}</code>{!c.nullable && <span className="muted small"> not null</span>}</td>
      <td>
        <EditableDescription text={c.description} canEdit={canEdit} label={`description of ${c.name}`}
          onSave={(text) => edit(() => api.updateDescription(d.urn, text, c.name))()} />
      </td>
      <td>
        <ChipEditor label="Tag" canEdit={canEdit} emptyText=""
          chips={c.tags.map((t) => ({ key: t.name, label: t.name, href: entityPath('TAG', t.name) }))}
          onAdd={(v) => edit(() => api.addTags(d.urn, [v], c.name))()} onRemove={(k) => edit(() => api.removeTags(d.urn, [k], c.name))()} />
        <ChipEditor label="Term" canEdit={canEdit} emptyText=""
          chips={c.glossaryTerms.map((t) => ({ key: t.name, label: t.name, href: entityPath('GLOSSARY_TERM', t.name) }))}
          onAdd={(v) => edit(() => api.addGlossaryTerms(d.urn, [v], c.name))()} onRemove={(k) => edit(() => api.removeGlossaryTerms(d.urn, [k], c.name))()} />
      </td>
    </tr>
  );
}

/** SQL identifiers quoted part by part, so a name with odd characters still previews. */
export function quoteName(name: string): string {
  return name.split('.').map((p) => `"${p.replace(/"/g, '""')}"`).join('.');
}

function PreviewTab({ dataset: d }: { dataset: Dataset }) {
  const preview = useQuery({
    queryKey: ['preview', d.name],
    queryFn: async ({ signal }) => {
      const started = await api.startQuery(`SELECT * FROM ${quoteName(d.name)} LIMIT 50`);
      const run = await api.waitForRun(started.id, signal);
      if (run.state !== 'SUCCEEDED') throw new Error(run.error?.message ?? `The preview query ended ${run.state.toLowerCase()}.`);
      return api.fetchResults(run.id, 0, 50, signal);
    },
    retry: false,
    staleTime: 60_000,
  });
  if (preview.isPending) return <Loading what="sample rows" />;
  if (preview.isError) return <ErrorNotice error={preview.error} what="sample rows" />;
  if (preview.data.rows.length === 0) return <Empty>The dataset has no rows.</Empty>;
  return <ResultsGrid columns={preview.data.columns} rows={preview.data.rows} />;
}

function UsageTab({ name }: { name: string }) {
  const usage = useQuery({ queryKey: ['dataset-usage', name], queryFn: ({ signal }) => api.fetchDatasetUsage(name, signal) });
  if (usage.isPending) return <Loading what="usage" />;
  if (usage.isError) return <ErrorNotice error={usage.error} what="usage" />;
  const u = usage.data;
  if (!u || u.queryCount === 0) return <Empty>Nobody has queried this dataset through TownLake yet.</Empty>;
  return (
    <div className="usage">
      <p>{u.queryCount} queries by {u.distinctUsers} {u.distinctUsers === 1 ? 'person' : 'people'}; last {formatDate(u.lastQueriedAt)}.</p>
      <div className="home-grid">
        <div>
          <h3>Top users</h3>
          <ul>{u.topUsers.map((t) => <li key={t.user}>{t.user} <span className="count">{t.count}</span></li>)}</ul>
        </div>
        <div>
          <h3>Commonly joined with</h3>
          {u.commonlyJoinedWith.length ? (
            <ul>{u.commonlyJoinedWith.map((j) => <li key={j.dataset}><Link to={entityPath('DATASET', j.dataset)}>{j.dataset}</Link> <span className="count">{j.count}</span></li>)}</ul>
          ) : <Empty>No joins seen yet.</Empty>}
        </div>
      </div>
      <h3>Recent queries</h3>
      <ul className="recent-queries">
        {u.recentQueries.map((q) => (
          <li key={q.id}>
            <span className="muted small">{formatDate(q.submittedAt)} · {q.user} · {q.state.toLowerCase()}</span>
            <pre className="code">{q.sql}</pre>
            <Link className="small" to={`/query?${new URLSearchParams({ sql: q.sql })}`}>Open in the query editor</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function HistoryTab({ name }: { name: string }) {
  const history = useQuery({ queryKey: ['dataset-history', name], queryFn: ({ signal }) => api.fetchDatasetHistory(name, signal) });
  if (history.isPending) return <Loading what="history" />;
  if (history.isError) return <ErrorNotice error={history.error} what="history" />;
  if (history.data.length === 0) return <Empty>No changes have been recorded.</Empty>;
  return <ol className="timeline">{history.data.map((e) => <HistoryItem key={e.id} event={e} />)}</ol>;
}

function HistoryItem({ event: e }: { event: ChangeEvent }) {
  return (
    <li>
      <p><strong>{e.summary}</strong></p>
      <p className="muted small">{formatDate(e.at)} · {e.actor} · {e.aspect}</p>
      {(e.before != null || e.after != null) && (
        <details>
          <summary>Before and after</summary>
          <div className="diff">
            <div><h4>Before</h4><pre className="code">{show(e.before)}</pre></div>
            <div><h4>After</h4><pre className="code">{show(e.after)}</pre></div>
          </div>
        </details>
      )}
    </li>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
