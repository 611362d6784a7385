import { useQuery } from '@tanstack/react-query';
import { fetchDatasetJobs } from '../api/governance';
import type { JobRef } from '../api/governanceTypes';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { JobLink } from './JobPage';
import { RunTimeline } from './RunTimeline';

/** The dataset page's Jobs tab: the jobs that write it and read it, and the run history touching it. */
export function JobsTab({ name }: { name: string }) {
  const jobs = useQuery({ queryKey: ['dataset-jobs', name], queryFn: ({ signal }) => fetchDatasetJobs(name, signal) });
  if (jobs.isPending) return <Loading what="jobs" />;
  if (jobs.isError) return <ErrorNotice error={jobs.error} what="jobs" />;
  if (!jobs.data) return <Empty>The dataset is gone.</Empty>;
  const { producers, consumers, runs } = jobs.data;
  return (
    <div className="jobs-tab">
      <div className="home-grid">
        <JobList title="Written by" jobs={producers} empty="No job is known to write it." testId="producers" />
        <JobList title="Read by" jobs={consumers} empty="No job is known to read it." testId="consumers" />
      </div>
      <h2>Run history</h2>
      {runs.length === 0 ? <Empty>No runs that read or wrote it have been reported.</Empty> : <RunTimeline runs={runs} showJob />}
    </div>
  );
}

function JobList({ title, jobs, empty, testId }: { title: string; jobs: JobRef[]; empty: string; testId: string }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {jobs.length === 0 ? <p className="muted">{empty}</p> : (
        <ul className="cards" data-testid={testId}>
          {jobs.map((j) => (
            <li key={j.urn} className="card">
              <JobLink job={j} /> <span className="muted small">{j.namespace}{j.lastRunState && <> · {j.lastRunState.toLowerCase()}</>}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
