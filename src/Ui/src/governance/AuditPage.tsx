import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fetchAudit, type AuditFilter } from '../api/governance';
import type { GovernanceEventKind } from '../api/governanceTypes';
import { entityPath } from '../components/entityPath';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format/dates';
import { EVENT_KINDS, parseAuditParams, toApiFilter, toAuditParams } from './auditUrl';

const kindLabel = (kind: string) => kind.toLowerCase().replace(/_/g, ' ');
const DATASET_URN = 'urn:tl:dataset:';

/** /audit?user=&dataset=&kind=&from=&to=: reviews, grants, requests, PII unlocks and refused queries, newest first. */
export function AuditPage() {
  usePageTitle('Governance audit');
  const [params, setParams] = useSearchParams();
  const filter = parseAuditParams(params);
  const audit = useQuery({
    queryKey: ['governance-audit', toAuditParams(filter).toString()],
    queryFn: ({ signal }) => fetchAudit(toApiFilter(filter), signal),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="audit-page">
      <h1>Governance audit</h1>
      <AuditFilterForm key={params.toString()} filter={filter} onApply={(next) => setParams(toAuditParams(next))} />
      {audit.isPending && <Loading what="the audit trail" />}
      {audit.isError && <ErrorNotice error={audit.error} what="the audit trail" />}
      {audit.data && (audit.data.unknownDataset ? <Empty>No dataset is named “{filter.dataset}”.</Empty>
        : audit.data.events.length === 0 ? <Empty>No audit entries match.</Empty> : (
          <>
            <p className="muted small" role="status" data-testid="audit-count">{audit.data.events.length} {audit.data.events.length === 1 ? 'entry' : 'entries'}{audit.data.events.length >= 500 ? ' (the latest 500; narrow the filter for older ones)' : ''}</p>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={"Audit entries"}>
              <table data-testid="audit-table">
                <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Dataset</th><th scope="col">Summary</th></tr></thead>
                <tbody>
                  {audit.data.events.map((e, i) => {
                    const dataset = e.datasetUrn?.startsWith(DATASET_URN) ? e.datasetUrn.slice(DATASET_URN.length) : e.datasetUrn;
                    return (
                      <tr key={`${e.at}-${i}`} data-testid="audit-row" data-kind={e.kind}>
                        <td><time dateTime={e.at}>{formatDate(e.at)}</time></td>
                        <td>{e.actor}{e.subject && e.subject !== e.actor && <span className="muted small"> for {e.subject}</span>}</td>
                        <td>{kindLabel(e.kind)}</td>
                        <td>{dataset ? <Link to={entityPath('DATASET', dataset)}>{dataset}</Link> : '—'}{e.column && <span className="muted small"> · {e.column}</span>}</td>
                        <td>{e.summary}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        ))}
    </section>
  );
}

function AuditFilterForm({ filter, onApply }: { filter: AuditFilter; onApply: (filter: AuditFilter) => void }) {
  const [draft, setDraft] = useState(filter);
  const set = (key: keyof AuditFilter) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value || null });
  const submit = (event: FormEvent) => { event.preventDefault(); onApply(draft); };
  return (
    <form className="filter-form" onSubmit={submit} aria-label="Filter the audit trail">
      <label>User <input value={draft.user ?? ''} onChange={set('user')} data-testid="audit-user" /></label>
      <label>Dataset <input value={draft.dataset ?? ''} onChange={set('dataset')} placeholder="demo.dim.accounts" data-testid="audit-dataset" /></label>
      <label>Kind
        <select value={draft.kind ?? ''} onChange={(e) => setDraft({ ...draft, kind: (e.target.value || null) as GovernanceEventKind | null })}>
          <option value="">any</option>
          {EVENT_KINDS.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
        </select>
      </label>
      <label>From <input type="datetime-local" value={draft.from ?? ''} onChange={set('from')} /></label>
      <label>To <input type="datetime-local" value={draft.to ?? ''} onChange={set('to')} /></label>
      <div className="row">
        <button type="submit">Apply</button>
        <button type="button" className="secondary" onClick={() => onApply({})}>Clear</button>
      </div>
    </form>
  );
}
