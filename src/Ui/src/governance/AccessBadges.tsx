import type { DatasetAccess } from '../api/governanceTypes';

type BadgeAccess = Pick<DatasetAccess, 'state' | 'canQuery' | 'piiColumns' | 'hiddenColumnCount'>;

/**
 * Pending review, PII, hidden columns (a count: their names are for reviewers and owners only) and whether the caller
 * can query the dataset, as badges with their meaning spelled out for screen readers and on hover.
 */
export function AccessBadges({ access }: { access: BadgeAccess }) {
  return (
    <span className="access-badges" data-testid="access-badges">
      {access.state === 'PENDING' && <span className="badge warn" data-testid="badge-pending" title="Waiting for a reviewer: nobody can query it yet">pending review</span>}
      {access.state === 'DENIED' && <span className="badge warn" data-testid="badge-denied" title="A reviewer denied it for querying">denied</span>}
      {access.piiColumns.length > 0 && (
        <span className="badge pii" data-testid="badge-pii" title={`Personal data in ${access.piiColumns.length} column(s), redacted unless unlocked`}>
          PII<span className="visually-hidden"> in {access.piiColumns.length} columns</span>
        </span>
      )}
      {access.hiddenColumnCount > 0 && (
        <span className="badge" data-testid="badge-hidden" title="Columns waiting for review or outside your access do not exist for your queries">
          {access.hiddenColumnCount} hidden {access.hiddenColumnCount === 1 ? 'column' : 'columns'}
        </span>
      )}
      {access.canQuery
        ? <span className="badge ok" data-testid="badge-can-query">you can query</span>
        : <span className="badge warn" data-testid="badge-cannot-query">you cannot query</span>}
    </span>
  );
}
