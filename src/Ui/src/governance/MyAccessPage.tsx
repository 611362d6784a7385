import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fetchMyAccess } from '../api/governance';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format/dates';
import { durationLabel, expiresIn } from './format';

/** /access: the caller's grants that work now, with their expiry, and their access requests. */
export function MyAccessPage() {
  usePageTitle('My access');
  const me = useQuery({ queryKey: ['my-access'], queryFn: ({ signal }) => fetchMyAccess(signal) });
  if (me.isPending) return <Loading what="your access" />;
  if (me.isError) return <ErrorNotice error={me.error} what="your access" />;
  const { grants, requests } = me.data;
  return (
    <section className="my-access">
      <h1>My access</h1>
      <p className="muted small">Signed in as {me.data.user.name}{me.data.isReviewer && <> · reviewer: see the <Link to="/review">review queue</Link></>}.</p>
      <h2>Grants</h2>
      {grants.length === 0 ? <Empty>You hold no grants. Ask for one from a dataset's page.</Empty> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Your grants">
          <table data-testid="my-grants">
            <thead><tr><th scope="col">Dataset</th><th scope="col">Access</th><th scope="col">Expires</th><th scope="col">Reason</th><th scope="col">Granted by</th></tr></thead>
            <tbody>
              {grants.map((g) => (
                <tr key={g.id} data-testid="grant-row" data-dataset={g.dataset}>
                  <th scope="row"><Link to={entityPath('DATASET', g.dataset)}>{g.dataset}</Link></th>
                  <td>{g.level === 'READ_PII' ? 'read with PII' : 'read'}{g.columns.length > 0 && <span className="muted small"> ({g.columns.join(', ')})</span>}{g.principalKind === 'GROUP' && <span className="muted small"> via group {g.principal}</span>}</td>
                  <td><time dateTime={g.expiresAt}>{formatDate(g.expiresAt)}</time> <span className="muted small">({expiresIn(g.expiresAt)})</span></td>
                  <td>{g.reason}</td>
                  <td>{g.grantedBy}, {formatDate(g.grantedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Requests</h2>
      {requests.length === 0 ? <Empty>You have not asked for access yet.</Empty> : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Your requests">
          <table data-testid="my-requests">
            <thead><tr><th scope="col">Dataset</th><th scope="col">Access</th><th scope="col">For</th><th scope="col">Reason</th><th scope="col">State</th><th scope="col">Decision</th></tr></thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-testid="request-row" data-dataset={r.dataset} data-state={r.state}>
                  <th scope="row"><Link to={entityPath('DATASET', r.dataset)}>{r.dataset}</Link></th>
                  <td>{r.level === 'READ_PII' ? 'read with PII' : 'read'}</td>
                  <td>{durationLabel(r.durationMinutes)}</td>
                  <td>{r.reason}</td>
                  <td><span className={r.state === 'APPROVED' ? 'badge ok' : r.state === 'DENIED' ? 'badge warn' : 'badge'}>{r.state.toLowerCase()}</span></td>
                  <td className="small">{r.decidedBy ? <>{r.decidedBy}, {formatDate(r.decidedAt)}{r.decisionNote && <>: “{r.decisionNote}”</>}</> : <span className="muted">waiting for a reviewer</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
