import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { fetchMyAccess } from '../api/governance';

/** The governance links of the top bar: My access for everyone; the review queue and the audit trail for reviewers. */
export function GovernanceNav() {
  const me = useQuery({ queryKey: ['my-access'], queryFn: ({ signal }) => fetchMyAccess(signal), staleTime: 60_000 });
  return (
    <>
      <NavLink to="/access">My access</NavLink>
      {me.data?.isReviewer && <NavLink to="/review">Review</NavLink>}
      <NavLink to="/audit">Audit</NavLink>
    </>
  );
}
