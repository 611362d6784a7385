import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import * as api from '../api/operations';
import type { ColumnProfile, Dataset } from '../api/types';
import { friendlyError } from '../components/friendlyError';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { useCanEdit } from '../components/useMe';
import { formatByType, formatPercent, isNumericType } from '../format/byType';
import { formatDate } from '../format/dates';

type ProfiledColumn = { name: string; type?: string | null; ordinal: number; profile?: ColumnProfile | null };

const count = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));

/**
 * What the data looks like: row count, sampling and freshness, then per column its nulls, distinct values, range,
 * mean, lengths, most frequent values and distribution. Personal data the caller may not see is withheld by the API
 * and said so here.
 */
export function ProfileTab({ dataset: d }: { dataset: Dataset }) {
  const profile = useQuery({ queryKey: ['dataset-profile', d.name], queryFn: ({ signal }) => api.fetchDatasetProfile(d.name, signal) });
  const [open, setOpen] = useState<string | null>(null);
  if (profile.isPending) return <Loading what="profile" />;
  if (profile.isError) return <ErrorNotice error={profile.error} what="profile" />;
  const p = profile.data?.profile;
  if (!profile.data || !p) {
    return (
      <>
        <Empty>This dataset has not been profiled yet. Profiles are taken when its connection is ingested and then on a schedule.</Empty>
        <ProfileNow name={d.name} />
      </>
    );
  }
  const columns = [...profile.data.columns].sort((a, b) => a.ordinal - b.ordinal);
  return (
    <div className="profile" data-testid="profile">
      <ProfileNow name={d.name} />
      <dl className="profile-summary">
        <div><dt>Rows</dt><dd className="num">{count(p.rowCount)}</dd></div>
        <div><dt>Profiled</dt><dd>{formatDate(p.profiledAt)}</dd></div>
        <div>
          <dt>Statistics over</dt>
          <dd>{p.sampled ? <>a random sample of {count(p.sampleSize)} rows</> : <>every row ({count(p.sampleSize)})</>}</dd>
        </div>
        {p.freshnessColumn && <div><dt>Latest {p.freshnessColumn}</dt><dd>{p.freshness ? formatDate(p.freshness) : 'no values'}</dd></div>}
      </dl>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Column statistics of ${d.name}`}>
        <table className="profile-table">
          <caption className="visually-hidden">Column statistics of {d.name}{p.sampled ? ', from a sample' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Column</th><th scope="col">Type</th><th scope="col" className="num">Null</th>
              <th scope="col" className="num">Distinct</th><th scope="col" className="num">Min</th><th scope="col" className="num">Max</th>
              <th scope="col" className="num">Mean</th><th scope="col">Most frequent values</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <ColumnProfileRows key={c.name} column={c} expanded={open === c.name} onToggle={() => setOpen(open === c.name ? null : c.name)} />
            ))}
          </tbody>
        </table>
      </div>
      {columns.some((c) => c.profile?.distinctApproximate) && <p className="muted small">≈ marks a distinct count estimated over a sample (HyperLogLog).</p>}
    </div>
  );
}

/** Editors may take a fresh profile now instead of waiting for the schedule. */
function ProfileNow({ name }: { name: string }) {
  const canEdit = useCanEdit();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canEdit) return null;
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.profileDataset(name);
      await client.invalidateQueries({ queryKey: ['dataset-profile', name] });
    } catch (e) {
      setError(friendlyError('profile the dataset', e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className="row">
      <button type="button" className="secondary" onClick={() => void run()} disabled={busy}>{busy ? 'Profiling…' : 'Profile now'}</button>
      {error && <span role="alert" className="error-text">{error}</span>}
    </p>
  );
}

function ColumnProfileRows({ column: c, expanded, onToggle }: { column: ProfiledColumn; expanded: boolean; onToggle: () => void }) {
  const p = c.profile;
  const numeric = isNumericType(c.type);
  const value = (v: string | null | undefined) => (v === null || v === undefined ? '—' : numeric ? formatByType(v, c.type) : v);
  if (!p) {
    return (
      <tr data-testid="profile-row" data-column={c.name}>
        <th scope="row"><code>{c.name}</code></th><td><code>{c.type ?? '—'}</code></td>
        <td colSpan={6} className="muted">Not profiled (hidden from you, or added since the last profile).</td>
      </tr>
    );
  }
  const detailId = `profile-detail-${c.name}`;
  const hasDetail = p.topValues.length > 0 || p.histogram.length > 0 || p.minLength != null || p.stddev != null;
  return (
    <>
      <tr data-testid="profile-row" data-column={c.name}>
        <th scope="row">
          {hasDetail ? (
            <button type="button" className="link-button" aria-expanded={expanded} aria-controls={detailId} onClick={onToggle}>
              <code>{c.name}</code><span className="visually-hidden"> distribution</span>
            </button>
          ) : <code>{c.name}</code>}
          {p.redacted && <span className="badge warn" title="Values are personal data you may not see">withheld</span>}
        </th>
        <td><code>{c.type ?? '—'}</code></td>
        <td className="num"><Bar fraction={p.nullFraction ?? 0} label={formatPercent(p.nullFraction)} /></td>
        <td className="num">{p.distinctApproximate && p.distinctCount != null && <span title="Estimated over a sample">≈</span>}{count(p.distinctCount)}</td>
        <td className="num">{p.redacted ? <Withheld /> : value(p.min)}</td>
        <td className="num">{p.redacted ? <Withheld /> : value(p.max)}</td>
        <td className="num">{p.mean == null ? '—' : formatByType(p.mean, numeric ? 'DOUBLE' : null)}</td>
        <td className="top-values">
          {p.redacted ? <Withheld /> : p.topValues.slice(0, 3).map((t, i) => (
            <span key={i} className="chip" title={`${t.count.toLocaleString('en-US')} rows`}>{t.value ?? <em>null</em>} <span className="count">{t.count.toLocaleString('en-US')}</span></span>
          ))}
        </td>
      </tr>
      {expanded && (
        <tr className="profile-detail" id={detailId}>
          <td colSpan={8}><ColumnDetail column={c} profile={p} /></td>
        </tr>
      )}
    </>
  );
}

function ColumnDetail({ column: c, profile: p }: { column: ProfiledColumn; profile: ColumnProfile }) {
  const numeric = isNumericType(c.type);
  const most = Math.max(1, ...p.topValues.map((t) => t.count));
  const tallest = Math.max(1, ...p.histogram.map((b) => b.count));
  return (
    <div className="profile-detail-grid">
      <dl className="facts">
        <dt>Null rows</dt><dd className="num">{count(p.nullCount)} ({formatPercent(p.nullFraction)})</dd>
        {p.stddev != null && <><dt>Standard deviation</dt><dd className="num">{formatByType(p.stddev, 'DOUBLE')}</dd></>}
        {p.minLength != null && <><dt>Length</dt><dd>{count(p.minLength)} to {count(p.maxLength)} characters, {p.meanLength == null ? '' : `${formatByType(p.meanLength, 'DOUBLE')} on average`}</dd></>}
      </dl>
      {p.topValues.length > 0 && (
        <table className="bars" aria-label={`Most frequent values of ${c.name}`}>
          <thead><tr><th scope="col">Value</th><th scope="col" className="num">Rows</th></tr></thead>
          <tbody>
            {p.topValues.map((t, i) => (
              <tr key={i}>
                <td>{t.value === null || t.value === undefined ? <em>null</em> : numeric ? formatByType(t.value, c.type) : t.value}</td>
                <td className="num"><Bar fraction={t.count / most} label={t.count.toLocaleString('en-US')} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.histogram.length > 0 && (
        <table className="bars" aria-label={`Distribution of ${c.name}`}>
          <thead><tr><th scope="col">From</th><th scope="col">To</th><th scope="col" className="num">Rows</th></tr></thead>
          <tbody>
            {p.histogram.map((b, i) => (
              <tr key={i}>
                <td className="num">{numeric ? formatByType(b.lower, c.type) : b.lower}</td>
                <td className="num">{numeric ? formatByType(b.upper, c.type) : b.upper}</td>
                <td className="num"><Bar fraction={b.count / tallest} label={b.count.toLocaleString('en-US')} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A number with a bar behind it, so a column of them reads as a chart; the number is the accessible text. */
function Bar({ fraction, label }: { fraction: number; label: string }) {
  return (
    <span className="bar-cell">
      <span className="bar" style={{ width: `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%` }} aria-hidden="true" />
      <span className="bar-label">{label}</span>
    </span>
  );
}

function Withheld() {
  return <span className="muted" title="Personal data you may not see">withheld</span>;
}
