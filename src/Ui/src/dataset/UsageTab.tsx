import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import * as api from '../api/operations';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { formatDate } from '../format/dates';
import { queriesLabel } from './popularQueries';

/** Who reads the dataset and what it is read with; the queries themselves are on the Queries tab. */
export function UsageTab({ name }: { name: string }) {
  const usage = useQuery({ queryKey: ['dataset-usage', name], queryFn: ({ signal }) => api.fetchDatasetUsage(name, signal) });
  if (usage.isPending) return <Loading what="usage" />;
  if (usage.isError) return <ErrorNotice error={usage.error} what="usage" />;
  const u = usage.data;
  if (!u || u.queryCount === 0) return <Empty>Nobody has queried this dataset through TownLake yet.</Empty>;
  return (
    <div className="usage" data-testid="usage">
      <p>{queriesLabel(u.queryCount)} by {u.distinctUsers} {u.distinctUsers === 1 ? 'person' : 'people'}; last {formatDate(u.lastQueriedAt)}. Previews of sample rows are not counted.</p>
      <div className="home-grid">
        <div>
          <h3>Top users</h3>
          <table className="compact-table">
            <thead><tr><th scope="col">User</th><th scope="col" className="num">Queries</th></tr></thead>
            <tbody>{u.topUsers.map((t) => <tr key={t.user}><td>{t.user}</td><td className="num">{t.count.toLocaleString('en-US')}</td></tr>)}</tbody>
          </table>
        </div>
        <div>
          <h3>Commonly joined with</h3>
          {u.commonlyJoinedWith.length ? (
            <table className="compact-table">
              <thead><tr><th scope="col">Dataset</th><th scope="col" className="num">Queries</th></tr></thead>
              <tbody>{u.commonlyJoinedWith.map((j) => <tr key={j.dataset}><td><Link to={entityPath('DATASET', j.dataset)}>{j.dataset}</Link></td><td className="num">{j.count.toLocaleString('en-US')}</td></tr>)}</tbody>
            </table>
          ) : <Empty>No joins seen yet.</Empty>}
        </div>
      </div>
    </div>
  );
}
