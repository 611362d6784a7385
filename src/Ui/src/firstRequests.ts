import type { QueryClient } from '@tanstack/react-query';
import { fetchHomeDatasets, fetchMe } from './api/operations';

/** Who is calling: the top bar's badge and every edit control read it. */
export const meQuery = { queryKey: ['me'], queryFn: ({ signal }: { signal?: AbortSignal }) => fetchMe(signal), staleTime: 5 * 60_000 } as const;

/**
 * The home page's three dataset lists. Fresh for the app's usual 30 s whatever the client's defaults: the boot script's
 * answer may be in before the app asks again, and must not be fetched twice.
 */
export const homeDatasetsQuery = { queryKey: ['home-datasets'], queryFn: ({ signal }: { signal?: AbortSignal }) => fetchHomeDatasets(signal), staleTime: 30_000 } as const;

/**
 * Starts the requests the page at `pathname` needs before any of it has rendered (the caller; on the home page its
 * dataset lists too). The pages read the same queries, so nothing is fetched twice, and calling this again while the
 * requests are under way or fresh starts nothing new.
 */
export function startFirstRequests(client: QueryClient, pathname: string): void {
  void client.prefetchQuery(meQuery);
  if (pathname === '/') void client.prefetchQuery(homeDatasetsQuery);
}
