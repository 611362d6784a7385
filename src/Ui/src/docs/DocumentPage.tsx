import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { fetchDocument } from '../api/governance';
import { entityPath } from '../components/entityPath';
import { Markdown } from '../components/Markdown';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format/dates';

/** /doc?urn=…: a documentation or data-model page, and the datasets it describes. */
export function DocumentPage() {
  const [params] = useSearchParams();
  const urn = params.get('urn') ?? '';
  const doc = useQuery({ queryKey: ['document', urn], queryFn: ({ signal }) => fetchDocument(urn, signal), enabled: urn.length > 0 });
  usePageTitle(doc.data?.name ?? 'Documentation');
  if (!urn) return <section><h1>Documentation</h1><Empty>No page was named.</Empty></section>;
  if (doc.isPending) return <Loading what="the page" />;
  if (doc.isError) return <ErrorNotice error={doc.error} what="the page" />;
  if (!doc.data) return <section><h1>Documentation</h1><Empty>No page has the URN “{urn}”.</Empty></section>;
  const d = doc.data;
  return (
    <article className="document-page">
      <h1>{d.name}</h1>
      <p className="muted small">Documentation · updated {formatDate(d.updatedAt)}</p>
      <section aria-label="Datasets described">
        <h2>Datasets it describes</h2>
        {d.relatedDatasets.length === 0 ? <p className="muted">None linked.</p> : (
          <ul className="chips" data-testid="document-datasets">
            {d.relatedDatasets.map((ds) => <li key={ds.name} className="chip"><Link to={entityPath('DATASET', ds.name)}>{ds.name}</Link></li>)}
          </ul>
        )}
      </section>
      <Markdown text={d.body} empty="The page is empty." />
    </article>
  );
}

/** The dataset page's "Data model: …" line: the documentation pages that describe it. */
export function DocumentLinks({ pages }: { pages: { urn: string; name: string }[] }) {
  if (pages.length === 0) return null;
  return (
    <>
      <dt>Data model</dt>
      <dd data-testid="data-model-links">
        {pages.map((p, i) => <span key={p.urn}>{i > 0 && ', '}<Link to={documentPath(p.urn)}>{p.name}</Link></span>)}
      </dd>
    </>
  );
}

export function documentPath(urn: string): string {
  return `/doc?${new URLSearchParams({ urn }).toString()}`;
}
