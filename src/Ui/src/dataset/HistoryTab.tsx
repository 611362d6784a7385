import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import * as api from '../api/operations';
import type { ChangeEvent, SchemaChangeImpact } from '../api/types';
import { entityPath } from '../components/entityPath';
import { jobPath } from '../jobs/jobPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { describeChange, type DiffLine } from '../history/changeDiff';
import { formatDate } from '../format/dates';

const SIGN: Record<DiffLine['kind'], string> = { added: '+', removed: '−', changed: '~' };
const KIND_LABEL: Record<DiffLine['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

/** The dataset's changes, newest first, each as what changed in words (schema versions compared column by column). */
export function HistoryTab({ name }: { name: string }) {
  const history = useQuery({ queryKey: ['dataset-history', name], queryFn: ({ signal }) => api.fetchDatasetHistory(name, signal) });
  // A change that set nothing (an empty deprecation recorded with the dataset, say) has nothing to show.
  const events = useMemo(() => (history.data ?? []).map((e) => ({ event: e, view: describeChange(e.aspect, e.before, e.after) }))
    .filter(({ view, event }) => view.lines.length > 0 || event.before != null), [history.data]);
  if (history.isPending) return <Loading what="history" />;
  if (history.isError) return <ErrorNotice error={history.error} what="history" />;
  if (events.length === 0) return <Empty>No changes have been recorded.</Empty>;
  return <ol className="timeline" data-testid="history">{events.map(({ event, view }) => <HistoryItem key={event.id} event={event} title={view.title} lines={view.lines} />)}</ol>;
}

function HistoryItem({ event: e, title, lines }: { event: ChangeEvent; title: string; lines: DiffLine[] }) {
  return (
    <li>
      <p><strong>{title}</strong></p>
      <p className="muted small">{formatDate(e.at)} · {e.actor}</p>
      {lines.length > 0 ? (
        <ul className="diff-lines">
          {lines.map((line, i) => (
            <li key={i} className={`diff-${line.kind}`}>
              <span className="diff-sign" aria-hidden="true">{SIGN[line.kind]}</span>
              <span className="visually-hidden">{KIND_LABEL[line.kind]}: </span>
              {line.text}
              {(line.before !== undefined || line.after !== undefined) && line.kind === 'changed' ? (
                <>: <del>{line.before}</del> → <ins>{line.after}</ins></>
              ) : line.after !== undefined && line.kind !== 'removed' ? <>: <ins>{line.after}</ins></> : null}
            </li>
          ))}
        </ul>
      ) : <p className="muted small">Nothing visible changed.</p>}
      {e.schemaChangeImpact ? <ImpactList impact={e.schemaChangeImpact} /> : null}
    </li>
  );
}

/** The downstream columns and jobs a breaking schema change reaches, so whoever made it can warn their owners. */
function ImpactList({ impact }: { impact: SchemaChangeImpact }) {
  const count = impact.columns.length;
  return (
    <div className="impact" data-testid="schema-change-impact">
      <p className="small"><strong>Downstream impact:</strong> {count === 0 ? 'nothing downstream reads the changed columns.' : `${count} ${count === 1 ? 'column reads' : 'columns read'} the changed columns${impact.truncated ? ' (at least; the walk stopped at its cap)' : ''}.`}</p>
      {count > 0 ? (
        <ul className="small">
          {impact.columns.map((c) => (
            <li key={`${c.dataset}.${c.column}`}><Link to={entityPath('DATASET', c.dataset)}>{c.dataset}</Link>.{c.column} <span className="muted">reads {c.source}{c.depth > 1 ? `, ${c.depth} steps away` : ''}</span></li>
          ))}
        </ul>
      ) : null}
      {impact.jobs.length > 0 ? (
        <p className="small">Jobs: {impact.jobs.map((j, i) => <span key={j.urn}>{i > 0 ? ', ' : ''}<Link to={jobPath(j.urn)}>{j.name}</Link></span>)}</p>
      ) : null}
    </div>
  );
}
