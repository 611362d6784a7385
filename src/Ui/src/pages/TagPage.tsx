import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { fetchTagPage } from '../api/operations';
import { DatasetCard } from '../components/DatasetCard';
import { Markdown } from '../components/Markdown';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';

/** /tag/:name — what a tag means and every dataset carrying it (on itself or on one of its columns). */
export function TagPage() {
  const name = useParams().name!;
  usePageTitle(`Tag ${name}`);
  const page = useQuery({ queryKey: ['tag', name], queryFn: ({ signal }) => fetchTagPage(name, signal) });
  if (page.isPending) return <Loading what={`tag ${name}`} />;
  if (page.isError) return <ErrorNotice error={page.error} what={`tag ${name}`} />;
  const { tag, datasets, hasMore } = page.data;
  return (
    <section className="tag-page">
      <h1>Tag <span className="chip tag-title">{name}</span></h1>
      {tag ? <Markdown text={tag.description} empty="This tag has no description yet." /> : <Empty>No tag is named “{name}”.</Empty>}
      {tag && (
        <>
          <h2>{datasets.length}{hasMore ? '+' : ''} {datasets.length === 1 ? 'dataset' : 'datasets'}</h2>
          {datasets.length ? <ul className="cards">{datasets.map((d) => <DatasetCard key={d.urn} dataset={d} />)}</ul> : <Empty>No dataset carries this tag.</Empty>}
          <p><Link to={`/search?${new URLSearchParams({ q: '*', f: `tag:${name}` })}`}>Search within this tag</Link> (columns and terms too, with filters).</p>
        </>
      )}
    </section>
  );
}
