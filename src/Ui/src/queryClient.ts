import { QueryClient } from '@tanstack/react-query';

/** The app's one query cache: the pages read it through React, the app shell also starts requests in it before a page renders. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
});
