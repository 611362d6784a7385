import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import {
  approveAccessRequest, classifyColumn, denyAccessRequest, fetchMyAccess, fetchReviewQueue, reviewColumn, reviewDataset,
} from '../api/governance';
import type { AccessRequest, ColumnGovernance, PiiCategory, ReviewItem, ReviewState } from '../api/governanceTypes';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format/dates';
import { categoryLabel, DURATIONS, durationLabel, percent } from './format';
import { REVIEW_PAGE } from '../api/governance';

const CATEGORIES: readonly PiiCategory[] = [
  'NONE', 'EMAIL', 'PHONE', 'PERSON_NAME', 'POSTAL_ADDRESS', 'IP_ADDRESS', 'GOVERNMENT_ID', 'PAYMENT_CARD', 'BANK_ACCOUNT',
  'DATE_OF_BIRTH', 'GEO_LOCATION', 'SECRET', 'USER_IDENTIFIER',
];

/** /review: datasets and columns waiting for review with the scanner's findings, and access requests to decide. */
export function ReviewQueuePage() {
  usePageTitle('Review queue');
  const me = useQuery({ queryKey: ['my-access'], queryFn: ({ signal }) => fetchMyAccess(signal) });
  const queue = useQuery({ queryKey: ['review-queue'], queryFn: ({ signal }) => fetchReviewQueue(signal), enabled: me.data?.isReviewer === true });
  const [status, setStatus] = useState('');

  if (me.isPending) return <Loading what="your role" />;
  if (me.isError) return <ErrorNotice error={me.error} what="your role" />;
  if (!me.data.isReviewer) {
    return <section><h1>Review queue</h1><Empty>Only reviewers review datasets and decide access requests. Ask for access from a dataset's page; follow your requests on <Link to="/access">My access</Link>.</Empty></section>;
  }
  return (
    <section className="review-page">
      <h1>Review queue</h1>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="review-status">{status}</p>
      {queue.isPending && <Loading what="the review queue" />}
      {queue.isError && <ErrorNotice error={queue.error} what="the review queue" />}
      {queue.data && (
        <>
          <h2>Access requests <span className="count">{queue.data.requests.length}</span></h2>
          {queue.data.requests.length === 0 ? <Empty>No access requests are waiting.</Empty> : (
            <ul className="cards">{queue.data.requests.map((r) => <RequestDecision key={r.id} request={r} self={me.data.user.name} onDone={setStatus} />)}</ul>
          )}
          <h2>Datasets to review <span className="count">{queue.data.items.length}</span></h2>
          {queue.data.items.length >= REVIEW_PAGE && <p className="muted small">The {REVIEW_PAGE} oldest; the next ones show as these are decided.</p>}
          {queue.data.items.length === 0 ? <Empty>Nothing is waiting for review.</Empty> : (
            queue.data.items.map((item) => <DatasetReview key={item.dataset.urn} item={item} onDone={setStatus} />)
          )}
        </>
      )}
    </section>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all([
    client.invalidateQueries({ queryKey: ['review-queue'] }),
    client.invalidateQueries({ queryKey: ['dataset-access'] }),
    client.invalidateQueries({ queryKey: ['search'] }),
  ]);
}

/** One dataset: approve or deny it (with its pending columns), and each column on its own, with one shared optional note. */
function DatasetReview({ item, onDone }: { item: ReviewItem; onDone: (text: string) => void }) {
  const id = useId();
  const refresh = useRefresh();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const act = useMutation({
    mutationFn: (action: () => Promise<unknown>) => action(),
    onSuccess: async () => { setError(null); await refresh(); },
    onError: (e) => setError(errorMessage(e)),
  });
  const name = item.dataset.name;
  const noteValue = note.trim() || null;
  const run = (action: () => Promise<unknown>, done: string) => act.mutate(async () => { await action(); onDone(done); });
  const setDataset = (state: ReviewState) => run(() => reviewDataset(item.dataset.urn, state, noteValue), `${name}: ${state.toLowerCase()}`);
  const pendingColumns = item.columns.filter((c) => c.state === 'PENDING').length;

  return (
    <section className="card review-item" aria-labelledby={`${id}-name`} data-testid="review-item" data-dataset={name}>
      <h3 id={`${id}-name`}>
        <Link to={entityPath('DATASET', name)}>{name}</Link>
        <span className={item.state === 'APPROVED' ? 'badge ok' : 'badge warn'}>{item.state.toLowerCase()}</span>
      </h3>
      {item.dataset.description && <p className="muted small clamp">{item.dataset.description}</p>}
      {item.review && <p className="small muted">Last review: {item.review.state.toLowerCase()} by {item.review.reviewer}, {formatDate(item.review.at)}{item.review.note ? ` (${item.review.note})` : ''}</p>}
      <div className="row">
        <label className="note">Note (optional) <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} data-testid="review-note" /></label>
        {item.state !== 'APPROVED' || pendingColumns > 0 ? (
          <button type="button" disabled={act.isPending} onClick={() => setDataset('APPROVED')} data-testid="approve-dataset">
            {item.state === 'APPROVED' ? `Approve ${pendingColumns} pending ${pendingColumns === 1 ? 'column' : 'columns'}` : `Approve table${pendingColumns > 0 ? ' and pending columns' : ''}`}
          </button>
        ) : null}
        {item.state !== 'DENIED' && (
          <button type="button" className="secondary" disabled={act.isPending} onClick={() => setDataset('DENIED')} data-testid="deny-dataset">Deny table</button>
        )}
      </div>
      {error && <p className="error-text" role="alert">{error}</p>}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Columns of ${name}`}>
        <table className="review-columns">
          <caption className="visually-hidden">Columns of {name}</caption>
          <thead><tr><th scope="col">Column</th><th scope="col">State</th><th scope="col">Category</th><th scope="col">Evidence</th><th scope="col">Decide</th></tr></thead>
          <tbody>
            {item.columns.map((c) => (
              <ColumnRow key={c.name} column={c} busy={act.isPending}
                onState={(state) => run(() => reviewColumn(item.dataset.urn, c.name, state, noteValue), `${name}.${c.name}: ${state.toLowerCase()}`)}
                onCategory={(category) => run(() => classifyColumn(item.dataset.urn, c.name, category, noteValue), `${name}.${c.name}: ${categoryLabel(category)}`)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ColumnRow({ column: c, busy, onState, onCategory }: {
  column: ColumnGovernance; busy: boolean; onState: (state: ReviewState) => void; onCategory: (category: PiiCategory) => void;
}) {
  const found = c.classification;
  const [category, setCategory] = useState<PiiCategory>(found?.category ?? 'NONE');
  return (
    <tr data-testid="review-column" data-column={c.name} data-state={c.state}>
      <th scope="row"><code>{c.name}</code></th>
      <td><span className={c.state === 'APPROVED' ? 'badge ok' : 'badge warn'}>{c.state.toLowerCase()}</span></td>
      <td>
        {found ? (
          <>
            <strong>{categoryLabel(found.category)}</strong>
            <span className="muted small"> · {found.source === 'PERSON' ? `set by ${found.classifiedBy}` : `scanner, ${percent(found.confidence)} confident`}{found.confirmed ? ' · confirmed' : ''}</span>
          </>
        ) : <span className="muted">not classified</span>}
      </td>
      <td className="small">
        {found && found.detectors.length > 0 ? <>{found.detectors.join(', ')}<span className="muted"> · {percent(found.matchRatio)} of sampled values matched</span></> : <span className="muted">—</span>}
      </td>
      <td>
        <div className="row decide">
          {c.state !== 'APPROVED' && <button type="button" disabled={busy} onClick={() => onState('APPROVED')} aria-label={`Approve column ${c.name}`}>Approve</button>}
          {c.state !== 'DENIED' && <button type="button" className="secondary" disabled={busy} onClick={() => onState('DENIED')} aria-label={`Deny column ${c.name}`}>Deny</button>}
          <select value={category} onChange={(e) => setCategory(e.target.value as PiiCategory)} aria-label={`Category of ${c.name}`}>
            {CATEGORIES.map((k) => <option key={k} value={k}>{categoryLabel(k)}</option>)}
          </select>
          <button type="button" className="secondary" disabled={busy || category === found?.category && found.source === 'PERSON'}
            onClick={() => onCategory(category)} aria-label={`Set category of ${c.name}`}>Set category</button>
        </div>
      </td>
    </tr>
  );
}

/** A request: who, what, why and for how long; approve (for the asked or another duration) or deny, with a note. */
function RequestDecision({ request: r, self, onDone }: { request: AccessRequest; self: string; onDone: (text: string) => void }) {
  const id = useId();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [minutes, setMinutes] = useState(r.durationMinutes);
  const decide = useMutation({
    mutationFn: (approve: boolean) => (approve ? approveAccessRequest(r.id, note.trim() || null, minutes === r.durationMinutes ? null : minutes) : denyAccessRequest(r.id, note.trim() || null)),
    onSuccess: async (decided) => {
      onDone(`${decided.requester}'s request for ${decided.dataset}: ${decided.state.toLowerCase()}`);
      await Promise.all([client.invalidateQueries({ queryKey: ['review-queue'] }), client.invalidateQueries({ queryKey: ['my-access'] })]);
    },
  });
  const durations = [...new Set([r.durationMinutes, ...DURATIONS])].sort((a, b) => a - b);
  const own = r.requester === self;
  return (
    <li className="card" data-testid="access-request" data-requester={r.requester} data-dataset={r.dataset} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>{r.requester}</strong> asks for {r.level === 'READ_PII' ? 'PII' : 'read'} access to <Link to={entityPath('DATASET', r.dataset)}>{r.dataset}</Link>
        {r.columns.length > 0 && <> (columns {r.columns.join(', ')})</>} for {durationLabel(r.durationMinutes)}
      </p>
      <p className="small">“{r.reason}” <span className="muted">· {formatDate(r.requestedAt)}</span></p>
      {own ? <p className="small muted">Your own request: another reviewer decides it.</p> : (
        <div className="row">
          <label>Grant for <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="grant-duration">
            {durations.map((d) => <option key={d} value={d}>{durationLabel(d)}</option>)}
          </select></label>
          <label className="note">Note (optional) <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} /></label>
          <button type="button" disabled={decide.isPending} onClick={() => decide.mutate(true)} data-testid="approve-request">Approve</button>
          <button type="button" className="secondary" disabled={decide.isPending} onClick={() => decide.mutate(false)} data-testid="deny-request">Deny</button>
        </div>
      )}
      {decide.isError && <p className="error-text" role="alert">{errorMessage(decide.error)}</p>}
    </li>
  );
}
