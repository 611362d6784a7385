import { startFirstRequests } from './firstRequests';
import { queryClient } from './queryClient';

// The page's first script: it needs only the query cache and the GraphQL client, so it runs (and the page's data is on
// its way) while the browser is still loading and compiling React and the app, instead of after them.
startFirstRequests(queryClient, window.location.pathname);
