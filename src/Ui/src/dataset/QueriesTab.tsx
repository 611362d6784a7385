import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import * as api from '../api/operations';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { formatDate } from '../format/dates';
import { popularQueries } from './popularQueries';

/** How many recent runs the popular queries are counted over (the API's maximum page). */
const RUNS = 100;

/**
 * The queries people run on this dataset, most run first. The API shows administrators and stewards everyone's runs
 * and others their own, so the page says whose runs it counted.
 */
export function QueriesTab({ name }: { name: string }) {
  const runs = useQuery({ queryKey: ['dataset-queries', name], queryFn: ({ signal }) => api.fetchDatasetQueries(name, RUNS, signal) });
  if (runs.isPending) return <Loading what="queries" />;
  if (runs.isError) return <ErrorNotice error={runs.error} what="queries" />;
  const popular = popularQueries(runs.data.runs);
  if (popular.length === 0) return <Empty>Nobody has queried this dataset through TownLake yet. <Link to={`/query?${new URLSearchParams({ sql: `SELECT * FROM ${name} LIMIT 100` })}`}>Write the first query</Link>.</Empty>;
  const everyone = runs.data.seesEveryone;
  return (
    <div className="queries" data-testid="popular-queries">
      <p className="muted small">
        Counted over the latest {runs.data.runs.length} runs {everyone ? 'by everyone' : 'of yours (administrators and stewards see everyone’s)'}.
      </p>
      <ol className="query-list">
        {popular.map((q) => (
          <li key={q.sql} className="card">
            <pre className="code">{q.sql}</pre>
            <p className="small">
              <span className="num">{q.runs}</span> {q.runs === 1 ? 'run' : 'runs'}
              {' '}by {q.users.join(', ')} · last {formatDate(q.lastRunAt)}
              {q.succeeded < q.runs && <> · {q.runs - q.succeeded} failed or cancelled</>}
              {' '}· <Link to={`/query?${new URLSearchParams({ sql: q.sql })}`}>Open in the query editor</Link>
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
