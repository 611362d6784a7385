import { Link } from 'react-router';
import type { JobRef, Run } from '../api/governanceTypes';
import { entityPath } from '../components/entityPath';
import { formatDuration } from '../governance/format';
import { formatDate } from '../format/dates';
import { jobPath } from './jobPath';

const STATE_CLASS: Record<string, string> = { COMPLETED: 'badge ok', FAILED: 'badge warn', ABORTED: 'badge warn' };

/**
 * Runs newest first: state, start and end, and duration drawn as a bar against the longest run shown, so a run that
 * took unusually long stands out; a failed run shows its error.
 */
export function RunTimeline({ runs, showJob = false }: { runs: (Run & { job?: JobRef | null })[]; showJob?: boolean }) {
  const longest = Math.max(1, ...runs.map((r) => r.durationMs ?? 0));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={"Runs"}>
      <table className="run-timeline" data-testid="run-timeline">
        <thead>
          <tr>
            {showJob && <th scope="col">Job</th>}
            <th scope="col">State</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col" className="num">Duration</th><th scope="col">Read / wrote</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} data-testid="run-row" data-state={r.state}>
              {showJob && <td>{r.job ? <Link to={jobPath(r.job.urn)}>{r.job.name}</Link> : '—'}</td>}
              <td>
                <span className={STATE_CLASS[r.state] ?? 'badge'} title={r.transitions.map((t) => `${t.eventType} ${formatDate(t.at)}`).join('\n')}>{r.state.toLowerCase()}</span>
                {r.errorMessage && <p className="error-text small" data-testid="run-error">{r.errorMessage}</p>}
              </td>
              <td><time dateTime={r.startedAt ?? r.createdAt}>{formatDate(r.startedAt ?? r.createdAt)}</time></td>
              <td>{r.endedAt ? <time dateTime={r.endedAt}>{formatDate(r.endedAt)}</time> : <span className="muted">{r.state === 'RUNNING' ? 'running' : '—'}</span>}</td>
              <td className="num">
                <span className="bar-cell">
                  {r.durationMs != null && <span className="bar" style={{ width: `${Math.max(2, (r.durationMs / longest) * 100)}%` }} aria-hidden="true" />}
                  <span className="bar-label">{formatDuration(r.durationMs)}</span>
                </span>
              </td>
              <td className="small">
                {r.inputs.length + r.outputs.length === 0 ? <span className="muted">—</span> : (
                  <>
                    {r.inputs.map((d) => <DatasetVersion key={`i-${d.datasetUrn}`} d={d} />)}
                    {r.inputs.length > 0 && r.outputs.length > 0 && ' → '}
                    {r.outputs.map((d) => <DatasetVersion key={`o-${d.datasetUrn}`} d={d} />)}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DatasetVersion({ d }: { d: Run['inputs'][number] }) {
  const label = d.dataset?.name ?? `${d.namespace}/${d.name}`;
  return (
    <span className="chip">
      {d.dataset ? <Link to={entityPath('DATASET', d.dataset.name)}>{label}</Link> : label}
      {d.version && <span className="chip-detail">v {d.version.length > 12 ? `${d.version.slice(0, 12)}…` : d.version}</span>}
    </span>
  );
}
