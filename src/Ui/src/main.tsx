import './styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { fetchHomeDatasets, fetchMe } from './api/operations';
import { App } from './App';
import { queryClient } from './queryClient';

// Start the first page's requests now rather than after React's first render and effects: on the
// home page that is most of the wait. The pages read the same query keys, so nothing is fetched twice.
void queryClient.prefetchQuery({ queryKey: ['me'], queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
if (window.location.pathname === '/') {
  void queryClient.prefetchQuery({ queryKey: ['home-datasets'], queryFn: ({ signal }) => fetchHomeDatasets(signal) });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
