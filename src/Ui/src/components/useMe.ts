import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api/operations';

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
}

/** True only when the API said this caller may edit; never offer an edit the API would refuse. */
export function useCanEdit(): boolean {
  return useMe().data?.canEdit ?? false;
}
