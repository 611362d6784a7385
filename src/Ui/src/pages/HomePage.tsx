import { useQuery } from '@tanstack/react-query';
import { fetchHomeDatasets } from '../api/operations';
import { DatasetCard } from '../components/DatasetCard';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { formatAgo, formatUtc } from '../format/dates';

export function HomePage() {
  usePageTitle('');
  const datasets = useQuery({ queryKey: ['home-datasets'], queryFn: ({ signal }) => fetchHomeDatasets(signal) });
  return (
    <section className="home">
      <h1>Find and understand your data</h1>
      <p className="muted">Search datasets, columns and glossary terms above; press <kbd>/</kbd> from anywhere to start typing.</p>
      {datasets.isPending && <Loading what="datasets" />}
      {datasets.isError && <ErrorNotice error={datasets.error} what="datasets" />}
      {datasets.data && (() => {
        const { curated, mostUsed, recent } = datasets.data;
        return (
          <div className="home-grid">
            <div data-testid="home-curated">
              <h2>Curated</h2>
              {curated.length ? <ul className="cards">{curated.map((d) => <DatasetCard key={d.urn} dataset={d} />)}</ul> : <Empty>No dataset is tagged curated yet.</Empty>}
            </div>
            <div data-testid="home-most-used">
              <h2>Most used</h2>
              {mostUsed.length ? (
                <ul className="cards">{mostUsed.map((d) => <DatasetCard key={d.urn} dataset={d} extra={<span className="muted"> · {d.usage.queryCount} {d.usage.queryCount === 1 ? 'query' : 'queries'}</span>} />)}</ul>
              ) : <Empty>No queries have been run yet.</Empty>}
            </div>
            <div data-testid="home-recent">
              <h2>Recently changed</h2>
              {recent.length ? (
                <ul className="cards">{recent.map((d) => <DatasetCard key={d.urn} dataset={d} extra={<span className="muted"> · <time dateTime={d.updatedAt} title={formatUtc(d.updatedAt)}>{formatAgo(d.updatedAt)}</time></span>} />)}</ul>
              ) : <Empty>The catalog is empty: ingest a connection to get started.</Empty>}
            </div>
          </div>
        );
      })()}
    </section>
  );
}
