import { lazy, Suspense, useEffect } from 'react';
import { Link, NavLink, Route, Routes } from 'react-router';
import { SearchBox } from './components/SearchBox';
import { RouteAnnouncer } from './components/RouteAnnouncer';
import { Loading } from './components/States';
import { useMe } from './components/useMe';
import { GovernanceNav } from './governance/GovernanceNav';
import { prefetchLineagePage } from './lineage/lineageQuery';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { queryClient } from './queryClient';

// Every route but the home page loads its code when first visited (the graph, the SQL editor and
// the Markdown renderer are the heavy parts), so the first page needs only the shell.
const DatasetPage = lazy(() => import('./pages/DatasetPage').then((m) => ({ default: m.DatasetPage })));
const GlossaryPage = lazy(() => import('./pages/GlossaryPage').then((m) => ({ default: m.GlossaryPage })));
const SearchPage = lazy(() => import('./pages/SearchPage').then((m) => ({ default: m.SearchPage })));
// The lineage page's data is asked for together with its code, not after it: React Router renders a route change in a
// transition, which waits for the lazy page, so nothing the page (or an effect here) does could start sooner. On the
// 1,000-node graph the page's chunk took 100–300 ms to load and run. Later visits find the code loaded.
const LineagePage = lazy(() => {
  prefetchLineagePage(queryClient, window.location.pathname, window.location.search);
  return import('./pages/LineagePage');
});
const QueryPage = lazy(() => import('./pages/QueryPage'));
const MemoryPage = lazy(() => import('./pages/MemoryPage').then((m) => ({ default: m.MemoryPage })));
const TagPage = lazy(() => import('./pages/TagPage').then((m) => ({ default: m.TagPage })));
// Governance, jobs and documentation pages.
const ReviewQueuePage = lazy(() => import('./governance/ReviewQueuePage').then((m) => ({ default: m.ReviewQueuePage })));
const MyAccessPage = lazy(() => import('./governance/MyAccessPage').then((m) => ({ default: m.MyAccessPage })));
const AuditPage = lazy(() => import('./governance/AuditPage').then((m) => ({ default: m.AuditPage })));
const JobPage = lazy(() => import('./jobs/JobPage').then((m) => ({ default: m.JobPage })));
const DocumentPage = lazy(() => import('./docs/DocumentPage').then((m) => ({ default: m.DocumentPage })));

export function App() {
  useSlashFocusesSearch();
  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <RouteAnnouncer />
      <header className="topbar">
        <Link to="/" className="brand">TownLake</Link>
        <SearchBox />
        <nav aria-label="Main">
          <NavLink to="/glossary">Glossary</NavLink>
          <NavLink to="/query">Query</NavLink>
          <GovernanceNav />
          <NavLink to="/memory">Memory</NavLink>
          <a href="/graphql">GraphQL</a>
        </nav>
        <MeBadge />
      </header>
      <main id="main">
        <Suspense fallback={<Loading what="page" />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/dataset/:name" element={<DatasetPage />} />
            <Route path="/dataset/:name/lineage" element={<LineagePage />} />
            <Route path="/glossary" element={<GlossaryPage />} />
            <Route path="/glossary/:term" element={<GlossaryPage />} />
            <Route path="/query" element={<QueryPage />} />
            <Route path="/tag/:name" element={<TagPage />} />
            <Route path="/review" element={<ReviewQueuePage />} />
            <Route path="/access" element={<MyAccessPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/job" element={<JobPage />} />
            <Route path="/doc" element={<DocumentPage />} />
            <Route path="/memory" element={<MemoryPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}

function MeBadge() {
  const me = useMe();
  if (me.isPending) return <span className="me muted">Signing in…</span>;
  if (me.isError) return <span className="me muted" title="The caller could not be read">Unknown user</span>;
  const caller = me.data;
  return (
    <span className="me" data-testid="me" title={caller.canEdit ? 'You can edit metadata' : 'Read-only access'}>
      {caller.user.displayName ?? caller.user.name}
      <span className="badge">{caller.canEdit ? 'editor' : 'viewer'}</span>
    </span>
  );
}

/** "/" focuses the search box from anywhere except while typing. */
function useSlashFocusesSearch() {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.closest('.cm-editor'))) return;
      const input = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
      if (input) {
        event.preventDefault();
        input.focus();
        input.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
