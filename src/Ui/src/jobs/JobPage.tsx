import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { fetchJob } from '../api/governance';
import type { JobRef } from '../api/governanceTypes';
import { entityPath } from '../components/entityPath';
import { Markdown } from '../components/Markdown';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format/dates';
import { SqlViewer } from '../query/SqlViewer';
import { jobPath } from './jobPath';
import { RunTimeline } from './RunTimeline';

/** /job?urn=…: a job's runs (timeline), its SQL, what it reads and writes, and its parent job. */
export function JobPage() {
  const [params] = useSearchParams();
  const urn = params.get('urn') ?? '';
  const job = useQuery({ queryKey: ['job', urn], queryFn: ({ signal }) => fetchJob(urn, signal), enabled: urn.length > 0 });
  usePageTitle(job.data?.name ?? 'Job');
  if (!urn) return <section><h1>Job</h1><Empty>No job was named. Jobs are linked from lineage edges and from datasets' Jobs tab.</Empty></section>;
  if (job.isPending) return <Loading what="the job" />;
  if (job.isError) return <ErrorNotice error={job.error} what="the job" />;
  if (!job.data) return <section><h1>Job</h1><Empty>No job has the URN “{urn}”.</Empty></section>;
  const j = job.data;
  return (
    <article className="job-page">
      <header className="dataset-header">
        <h1>{j.name} {j.lastRunState && <span className="badge">{j.lastRunState.toLowerCase()}</span>}</h1>
        <p className="muted small">
          job · namespace <code>{j.namespace}</code> · {j.processingType.toLowerCase()}{j.integration && <> · {j.integration.toLowerCase()}</>}
          {j.version && <> · version <code title={j.version}>{j.version.slice(0, 12)}</code></>}
          {j.lastRunAt && <> · last run {formatDate(j.lastRunAt)}</>}
        </p>
        {j.description && <Markdown text={j.description} />}
        <dl className="facts">
          {j.parentJob && <><dt>Parent job</dt><dd><JobLink job={j.parentJob} /></dd></>}
          {j.owners.length > 0 && <><dt>Owners</dt><dd>{j.owners.join(', ')}</dd></>}
          {j.location && <><dt>Source code</dt><dd>{/^https?:\/\//.test(j.location) ? <a href={j.location} rel="noreferrer noopener">{j.location}</a> : <code>{j.location}</code>}</dd></>}
          <dt>Reads</dt><dd><DatasetList names={j.inputs.map((d) => d.name)} urns={j.inputUrns} testId="job-inputs" /></dd>
          <dt>Writes</dt><dd><DatasetList names={j.outputs.map((d) => d.name)} urns={j.outputUrns} testId="job-outputs" /></dd>
        </dl>
      </header>
      <h2>Runs <span className="count">{j.runs.totalCount}</span></h2>
      {j.runs.items.length === 0 ? <Empty>No runs have been reported.</Empty> : <RunTimeline runs={j.runs.items} />}
      {j.runs.totalCount > j.runs.items.length && <p className="muted small">The latest {j.runs.items.length} of {j.runs.totalCount} runs.</p>}
      <h2>SQL</h2>
      {j.sql ? <SqlViewer value={j.sql} label={`SQL of job ${j.name}`} /> : <Empty>The job reported no SQL.</Empty>}
    </article>
  );
}

export function JobLink({ job }: { job: JobRef }) {
  return <Link to={jobPath(job.urn)} data-testid="job-link">{job.name}</Link>;
}

/** Datasets the catalog describes link to their pages; others (outside the catalog) are listed by URN. */
function DatasetList({ names, urns, testId }: { names: string[]; urns: string[]; testId: string }) {
  const described = new Set(names.map((n) => `urn:tl:dataset:${n}`));
  const outside = urns.filter((u) => !described.has(u));
  if (names.length + outside.length === 0) return <span className="muted">nothing reported</span>;
  return (
    <span className="chips" data-testid={testId}>
      {names.map((n) => <span key={n} className="chip"><Link to={entityPath('DATASET', n)}>{n}</Link></span>)}
      {outside.map((u) => <span key={u} className="chip" title="Not described by the catalog">{u}</span>)}
    </span>
  );
}
