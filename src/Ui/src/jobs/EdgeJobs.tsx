import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { LineageGraph } from '../api/types';
import { jobPath } from './jobPath';

/** Jobs listed before "Show all": a big graph has hundreds, and drawing them all delayed the graph itself. */
export const EDGE_JOBS_SHOWN = 20;

// Created on first sort, not when the lineage page's code loads: a Collator's ICU set-up is not free and the list is
// drawn after the graph.
let collator: Intl.Collator | undefined;
const byName = (a: string, b: string) => (collator ??= new Intl.Collator(undefined)).compare(a, b);

/**
 * The jobs behind the graph's edges, each linked to its page with the datasets it connects. The graph's edges stay
 * inert (hit-testing thousands of paths slows panning), so the jobs are listed under it instead.
 */
export function EdgeJobs({ graph }: { graph: LineageGraph }) {
  const [all, setAll] = useState(false);
  const jobs = useMemo(() => edgeJobs(graph), [graph]);
  if (jobs.length === 0) return null;
  const shown = all ? jobs : jobs.slice(0, EDGE_JOBS_SHOWN);
  return (
    <section className="edge-jobs" aria-label="Jobs on these edges">
      <h2 className="small-heading">Jobs on these edges</h2>
      <ul data-testid="edge-jobs">
        {shown.map((job) => (
          <li key={job.urn}><Link to={jobPath(job.urn)} data-testid="job-link">{job.name}</Link> <span className="muted small">{job.links.slice(0, 3).join('; ')}{job.links.length > 3 ? ` +${job.links.length - 3}` : ''}</span></li>
        ))}
      </ul>
      {shown.length < jobs.length && (
        <button type="button" onClick={() => setAll(true)}>Show all {jobs.length.toLocaleString('en-US')} jobs</button>
      )}
    </section>
  );
}

/** Each job on the graph's edges, by name, with the "upstream → downstream" pairs it connects. */
export function edgeJobs(graph: LineageGraph): { urn: string; name: string; links: string[] }[] {
  const names = new Map(graph.nodes.map((n) => [n.urn, n.dataset?.name ?? n.name]));
  const jobs = new Map<string, { name: string; links: Set<string> }>();
  for (const edge of graph.edges) {
    if (!edge.job) continue;
    const entry = jobs.get(edge.job.urn) ?? { name: edge.job.name, links: new Set<string>() };
    entry.links.add(`${names.get(edge.upstream) ?? edge.upstream} → ${names.get(edge.downstream) ?? edge.downstream}`);
    jobs.set(edge.job.urn, entry);
  }
  // One Intl.Collator for the whole sort rather than a localeCompare per comparison (a big graph has ~900 jobs).
  return [...jobs.entries()].map(([urn, job]) => ({ urn, name: job.name, links: [...job.links] })).sort((a, b) => byName(a.name, b.name));
}
