import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../api/client';
import { describeQueryError } from '../query/errorText';
import * as api from '../api/operations';
import type { QueryRun } from '../api/types';
import { ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { downloadText, toCsv } from '../query/csv';
import { ResultsGrid } from '../query/ResultsGrid';
import { SqlEditor } from '../query/SqlEditor';
import { buildSqlNamespace } from '../query/sqlSchema';
import { isRedacted } from '../governance/format';

const PAGE_SIZE = 100;
const CSV_ROW_LIMIT = 100_000;

/** /query?sql=…&run=<id>&offset=N: the editor, the run and the result page all live in the URL. */
export default function QueryPage() {
  usePageTitle('Query');
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const [sql, setSql] = useState(() => params.get('sql') ?? 'SELECT *\nFROM demo.dim.accounts\nLIMIT 10');
  const [run, setRun] = useState<QueryRun | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [csvState, setCsvState] = useState<string | null>(null);
  // Unlocking PII is per query and never kept in the URL: a reload or a shared link runs redacted again.
  const [unlock, setUnlock] = useState(false);
  const [unlockReason, setUnlockReason] = useState('');
  const poll = useRef<AbortController | null>(null);

  const names = useQuery({ queryKey: ['catalog-names'], queryFn: ({ signal }) => api.fetchCatalogNames(signal), staleTime: 5 * 60_000 });
  const schema = useMemo(() => buildSqlNamespace(names.data ?? []), [names.data]);

  // Follow the run named in the URL until it finishes (also after a reload).
  useEffect(() => {
    if (!runId) { setRun(null); return; }
    const controller = new AbortController();
    poll.current = controller;
    api.waitForRun(runId, controller.signal, setRun).catch((e: unknown) => {
      if (!controller.signal.aborted) setSubmitError(errorMessage(e));
    });
    return () => controller.abort();
  }, [runId]);

  const results = useQuery({
    queryKey: ['results', runId, offset],
    queryFn: ({ signal }) => api.fetchResults(runId!, offset, PAGE_SIZE, signal),
    enabled: run?.state === 'SUCCEEDED' && run.id === runId,
  });

  const running = run != null && (run.state === 'QUEUED' || run.state === 'RUNNING');
  const execute = async () => {
    if (running || !sql.trim()) return;
    if (unlock && !unlockReason.trim()) { setSubmitError('Say why you need the personal data unredacted (e.g. a ticket) to unlock it.'); return; }
    setSubmitError(null);
    try {
      const started = await api.startQuery(sql, unlock ? { reason: unlockReason.trim() } : undefined);
      setRun(started);
      setParams({ sql, run: started.id }, { replace: false });
    } catch (e) {
      setSubmitError(errorMessage(e));
    }
  };
  const cancel = async () => {
    if (!run) return;
    try { setRun(await api.cancelQuery(run.id)); } catch (e) { setSubmitError(errorMessage(e)); }
  };
  const exportCsv = async () => {
    if (!runId) return;
    setCsvState('Preparing CSV…');
    try {
      const rows: unknown[][] = [];
      let columns: string[] = [];
      for (let at = 0; at < CSV_ROW_LIMIT;) {
        const page = await api.fetchResults(runId, at, 1000);
        columns = page.columns.map((c) => c.name);
        rows.push(...page.rows);
        if (!page.hasMore || page.rows.length === 0) break;
        at += page.rows.length;
      }
      downloadText(`query-${runId}.csv`, toCsv(columns, rows));
      setCsvState(null);
    } catch (e) {
      setCsvState(`Could not export: ${errorMessage(e)}`);
    }
  };
  const mark = run?.state === 'FAILED' && run.error?.line ? { line: run.error.line, column: run.error.column ?? 1, message: run.error.message } : null;
  const page = results.data;

  return (
    <section className="query-page">
      <h1>Query</h1>
      <p className="muted small">Ctrl/Cmd+Enter runs the query. Names complete from the catalog{names.isError ? ' (unavailable: the catalog names could not be loaded)' : ''}.</p>
      <SqlEditor value={sql} onChange={setSql} onRun={() => void execute()} schema={schema} error={mark} />
      <fieldset className="row pii-unlock">
        <legend className="visually-hidden">Personal data</legend>
        <label><input type="checkbox" checked={unlock} onChange={(e) => setUnlock(e.target.checked)} data-testid="unlock-pii" /> Unlock PII for this query</label>
        {unlock && (
          <label>Reason <input value={unlockReason} maxLength={2000} required onChange={(e) => setUnlockReason(e.target.value)} data-testid="unlock-reason"
            placeholder="e.g. TICKET-123: verify a customer's address" size={40} /></label>
        )}
        <span className="muted small">{unlock ? 'Needs a READ_PII grant; the unlock and its reason are audited.' : 'Personal data comes back redacted.'}</span>
      </fieldset>
      <div className="row">
        <button type="button" data-testid="run-query" onClick={() => void execute()} disabled={running || !sql.trim()}>{running ? 'Running…' : 'Run'}</button>
        <button type="button" className="secondary" onClick={() => void cancel()} disabled={!running}>Cancel</button>
        {run?.state === 'SUCCEEDED' && <button type="button" className="secondary" onClick={() => void exportCsv()}>Download CSV</button>}
        {run && <span className="muted small" role="status">{describeRun(run)}</span>}
        {csvState && <span className="small" role="status">{csvState}</span>}
      </div>
      {submitError && <p className="state error" role="alert">{submitError}</p>}
      {run?.state === 'FAILED' && (
        <div className="state error" role="alert" data-testid="query-error">
          {describeQueryError(run.error)}
        </div>
      )}
      {run?.state === 'CANCELLED' && <p className="state">The query was cancelled.</p>}
      {run?.state === 'SUCCEEDED' && (
        <>
          {results.isPending && <Loading what="results" />}
          {results.isError && <ErrorNotice error={results.error} what="results" />}
          {page && (page.rows.length === 0 ? <p className="state empty">The query returned no rows.</p> : (
            <>
              <RedactionNote columns={page.columns} rows={page.rows} />
              <ResultsGrid columns={page.columns} rows={page.rows} offset={page.offset} />
              <nav className="pager" aria-label="Result pages">
                <button type="button" disabled={offset === 0} onClick={() => { const n = new URLSearchParams(params); n.set('offset', String(Math.max(0, offset - PAGE_SIZE))); setParams(n); }}>Previous</button>
                <span className="small">Rows {page.offset + 1}–{page.offset + page.rows.length}{page.total != null ? ` of ${page.total}` : ''}</span>
                <button type="button" disabled={!page.hasMore} onClick={() => { const n = new URLSearchParams(params); n.set('offset', String(offset + PAGE_SIZE)); setParams(n); }}>Next</button>
              </nav>
            </>
          ))}
        </>
      )}
    </section>
  );
}

/** Names the columns of this page that came back redacted, and how to see them. */
function RedactionNote({ columns, rows }: { columns: { name: string }[]; rows: unknown[][] }) {
  const redacted = columns.filter((_, i) => rows.some((row) => isRedacted(row[i]))).map((c) => c.name);
  if (redacted.length === 0) return null;
  return (
    <p className="notice warn small" data-testid="redaction-note">
      Redacted personal data in {redacted.join(', ')}: values are shown as stable masks. Tick “Unlock PII for this query” and give a reason to see them (needs a READ_PII grant).
    </p>
  );
}

function describeRun(run: QueryRun): string {
  const state = run.state.toLowerCase();
  const time = run.elapsedMs != null ? ` in ${run.elapsedMs} ms` : '';
  const rows = run.rowCount != null ? `, ${run.rowCount} rows` : '';
  const cap = run.truncated ? ' (stopped at the row limit)' : '';
  return `Query ${state}${time}${rows}${cap}`;
}
