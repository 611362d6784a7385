import './styles.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { startFirstRequests } from './firstRequests';
import { queryClient } from './queryClient';

// The built page's boot script (src/boot.ts) started these while this code was still loading; this starts nothing
// again then, and does the work where there is no boot script (`npm run dev`).
startFirstRequests(queryClient, window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
