import { Link } from 'react-router';
import type { LineageGraph } from '../api/types';
import { jobPath } from './jobPath';

/**
 * The jobs behind the graph's edges, each linked to its page with the datasets it connects. The graph's edges stay
 * inert (hit-testing thousands of paths slows panning), so the jobs are listed under it instead.
 */
export function EdgeJobs({ graph }: { graph: LineageGraph }) {
  const names = new Map(graph.nodes.map((n) => [n.urn, n.dataset?.name ?? n.name]));
  const jobs = new Map<string, { name: string; links: Set<string> }>();
  for (const edge of graph.edges) {
    if (!edge.job) continue;
    const entry = jobs.get(edge.job.urn) ?? { name: edge.job.name, links: new Set<string>() };
    entry.links.add(`${names.get(edge.upstream) ?? edge.upstream} → ${names.get(edge.downstream) ?? edge.downstream}`);
    jobs.set(edge.job.urn, entry);
  }
  if (jobs.size === 0) return null;
  return (
    <section className="edge-jobs" aria-label="Jobs on these edges">
      <h2 className="small-heading">Jobs on these edges</h2>
      <ul data-testid="edge-jobs">
        {[...jobs.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name)).map(([urn, job]) => (
          <li key={urn}><Link to={jobPath(urn)} data-testid="job-link">{job.name}</Link> <span className="muted small">{[...job.links].slice(0, 3).join('; ')}{job.links.size > 3 ? ` +${job.links.size - 3}` : ''}</span></li>
        ))}
      </ul>
    </section>
  );
}
