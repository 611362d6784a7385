import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../firstRequests';

export function useMe() {
  return useQuery(meQuery);
}

/** True only when the API said this caller may edit; never offer an edit the API would refuse. */
export function useCanEdit(): boolean {
  return useMe().data?.canEdit ?? false;
}
