import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { fetchDatasetAccess, fetchMyAccess } from '../api/governance';
import { ErrorNotice } from '../components/States';
import { AccessBadges } from './AccessBadges';
import { durationLabel, expiresIn } from './format';
import { RequestAccessForm } from './RequestAccessForm';

/**
 * The dataset page's front door: what the caller may do (badges), why not, their pending request or grant, and a
 * "Request access" form when they cannot query it or cannot see its PII.
 */
export function AccessPanel({ name }: { name: string }) {
  const access = useQuery({ queryKey: ['dataset-access', name], queryFn: ({ signal }) => fetchDatasetAccess(name, signal) });
  const mine = useQuery({ queryKey: ['my-access'], queryFn: ({ signal }) => fetchMyAccess(signal) });
  const [asking, setAsking] = useState(false);
  if (access.isPending) return null;
  if (access.isError) return <ErrorNotice error={access.error} what="your access" />;
  if (!access.data) return null;
  const { urn, access: a } = access.data;
  const pendingRequest = mine.data?.requests.find((r) => r.datasetUrn === urn && r.state === 'PENDING');
  const grants = mine.data?.grants.filter((g) => g.datasetUrn === urn && g.active) ?? [];
  const piiLocked = a.piiColumns.length > 0 && !a.canSeePii;
  const canAsk = a.state !== 'DENIED' && (!a.canQuery || piiLocked);

  return (
    <section className="access-panel" aria-label="Your access" data-testid="access-panel">
      <p className="row">
        <AccessBadges access={a} />
        {a.pendingColumns.length > 0 && (
          <span className="small muted" data-testid="pending-columns">Pending review: {a.pendingColumns.join(', ')}</span>
        )}
      </p>
      {a.denial && <p className="notice warn" data-testid="access-denial">You cannot query it: {a.denial}.</p>}
      {piiLocked && a.canQuery && (
        <p className="small muted">Personal data ({a.piiColumns.join(', ')}) comes back redacted. {a.canSeePii ? '' : 'Unlocking it needs a READ_PII grant.'}</p>
      )}
      {a.canSeePii && a.piiColumns.length > 0 && (
        <p className="small muted">You may unlock its personal data per query, with a reason, in the <Link to={`/query?sql=${encodeURIComponent(`SELECT * FROM ${name} LIMIT 10`)}`}>query editor</Link>.</p>
      )}
      {grants.map((g) => (
        <p key={g.id} className="small" data-testid="my-grant">Your {g.level === 'READ_PII' ? 'PII' : 'read'} grant {expiresIn(g.expiresAt)} (granted by {g.grantedBy}).</p>
      ))}
      {pendingRequest ? (
        <p className="small" data-testid="my-pending-request">
          You asked for {durationLabel(pendingRequest.durationMinutes)} of {pendingRequest.level === 'READ_PII' ? 'PII' : 'read'} access; a reviewer has yet to decide (<Link to="/access">My access</Link>).
        </p>
      ) : canAsk && !asking ? (
        <button type="button" className="secondary" onClick={() => setAsking(true)} data-testid="request-access">Request access</button>
      ) : null}
      {asking && !pendingRequest && (
        <RequestAccessForm datasetUrn={urn} datasetName={name} defaultLevel={a.canQuery ? 'READ_PII' : 'READ'} onClose={() => setAsking(false)} />
      )}
    </section>
  );
}
