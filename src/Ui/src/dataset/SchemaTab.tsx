import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import * as api from '../api/operations';
import type { Column, Dataset } from '../api/types';
import { ChipEditor } from '../components/ChipEditor';
import { EditableDescription } from '../components/EditableDescription';
import { entityPath } from '../components/entityPath';
import { Empty } from '../components/States';
import { useCanEdit } from '../components/useMe';
import { useRefreshDataset } from './useRefreshDataset';

/** A column matches the filter by its name, type, description, tags or terms. */
export function columnMatches(column: Column, filter: string): boolean {
  const wanted = filter.trim().toLowerCase();
  if (!wanted) return true;
  return [column.name, column.type ?? '', column.description ?? '', ...column.tags.map((t) => t.name), ...column.glossaryTerms.map((t) => t.name)]
    .some((text) => text.toLowerCase().includes(wanted));
}

/** The columns with their types, descriptions, tags and terms; a filter box narrows them, ?column= picks one. */
export function SchemaTab({ dataset: d, focusColumn }: { dataset: Dataset; focusColumn: string | null }) {
  const [filter, setFilter] = useState('');
  useEffect(() => {
    if (focusColumn) document.getElementById(`column-${focusColumn}`)?.scrollIntoView({ block: 'center' });
  }, [focusColumn]);
  const columns = useMemo(() => [...d.columns].sort((a, b) => a.ordinal - b.ordinal), [d.columns]);
  const shown = columns.filter((c) => columnMatches(c, filter) || c.name === focusColumn);
  if (d.columns.length === 0) return <Empty>This dataset has no columns in the catalog.</Empty>;
  const lineage = `${entityPath('DATASET', d.name)}/lineage?columns=1`;
  return (
    <>
      <div className="toolbar">
        <label>Filter columns{' '}
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name, type, tag…" data-testid="column-filter" />
        </label>
        <span className="muted small" role="status">{shown.length === columns.length ? `${columns.length} columns` : `${shown.length} of ${columns.length} columns`}</span>
        <Link to={focusColumn ? `${lineage}&column=${encodeURIComponent(focusColumn)}` : lineage}>
          {focusColumn ? `Column-level lineage of ${focusColumn}` : 'Column-level lineage'}
        </Link>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Columns of ${d.name}`}>
        <table className="schema">
          <caption className="visually-hidden">Columns of {d.name}</caption>
          <thead>
            <tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Description</th><th scope="col">Tags and terms</th></tr>
          </thead>
          <tbody>
            {shown.map((c) => <ColumnRow key={c.urn} dataset={d} column={c} focused={c.name === focusColumn} />)}
          </tbody>
        </table>
        {shown.length === 0 && <Empty>No column matches “{filter}”.</Empty>}
        {d.viewSql && (<><h3>View SQL</h3><pre className="code">{d.viewSql}</pre></>)}
      </div>
    </>
  );
}

function ColumnRow({ dataset: d, column: c, focused }: { dataset: Dataset; column: Column; focused: boolean }) {
  const canEdit = useCanEdit();
  const refresh = useRefreshDataset(d.name);
  const edit = (action: () => Promise<void>) => async () => { await action(); await refresh(); };
  return (
    <tr data-testid="column-row" id={`column-${c.name}`} className={focused ? 'focused' : undefined} aria-current={focused ? 'true' : undefined}>
      <th scope="row">
        <Link to={`?column=${encodeURIComponent(c.name)}`} className="column-name" title={`Link to ${c.name}`}><code>{c.name}</code></Link>
        {c.isPrimaryKey && <span className="badge key" title="Primary key">PK</span>}
        {c.foreignKey && (
          <Link className="badge key" title={`Foreign key to ${c.foreignKey.dataset}.${c.foreignKey.column}`}
            to={`${entityPath('DATASET', c.foreignKey.dataset)}?column=${encodeURIComponent(c.foreignKey.column)}`}>FK</Link>
        )}
      </th>
      <td><code>{c.type ?? '—'}</code>{!c.nullable && <span className="muted small"> not null</span>}</td>
      <td>
        <EditableDescription text={c.description} canEdit={canEdit} label={`description of ${c.name}`}
          onSave={(text) => edit(() => api.updateDescription(d.urn, text, c.name))()} />
      </td>
      <td>
        <ChipEditor label="Tag" canEdit={canEdit} emptyText="" suggest="tags"
          chips={c.tags.map((t) => ({ key: t.name, label: t.name, href: entityPath('TAG', t.name) }))}
          onAdd={(v) => edit(() => api.addTags(d.urn, [v], c.name))()} onRemove={(k) => edit(() => api.removeTags(d.urn, [k], c.name))()} />
        <ChipEditor label="Term" canEdit={canEdit} emptyText="" suggest="terms"
          chips={c.glossaryTerms.map((t) => ({ key: t.name, label: t.name, href: entityPath('GLOSSARY_TERM', t.name) }))}
          onAdd={(v) => edit(() => api.addGlossaryTerms(d.urn, [v], c.name))()} onRemove={(k) => edit(() => api.removeGlossaryTerms(d.urn, [k], c.name))()} />
      </td>
    </tr>
  );
}
