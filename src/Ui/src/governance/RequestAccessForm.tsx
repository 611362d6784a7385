import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';
import { requestAccess } from '../api/governance';
import type { AccessLevel } from '../api/governanceTypes';
import { DURATIONS, durationLabel } from './format';

/** Asks reviewers for access to one dataset: the level, what it is for and for how long. */
export function RequestAccessForm({ datasetUrn, datasetName, defaultLevel, onClose }: {
  datasetUrn: string; datasetName: string; defaultLevel: AccessLevel; onClose: () => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const [level, setLevel] = useState<AccessLevel>(defaultLevel);
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number>(DURATIONS[1]);
  const send = useMutation({
    mutationFn: () => requestAccess(datasetUrn, level, reason.trim(), minutes),
    onSuccess: () => client.invalidateQueries({ queryKey: ['my-access'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) send.mutate();
  };

  if (send.isSuccess) {
    return (
      <p className="notice ok" role="status" data-testid="request-sent">
        Request sent for {durationLabel(send.data.durationMinutes)} of {send.data.level === 'READ_PII' ? 'PII' : 'read'} access to {datasetName}.
        A reviewer decides; follow it on <Link to="/access">My access</Link>.
      </p>
    );
  }
  return (
    <form className="access-form" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="request-access-form">
      <h2 id={`${id}-title`}>Request access to {datasetName}</h2>
      <fieldset>
        <legend>Access</legend>
        <label><input type="radio" name={`${id}-level`} checked={level === 'READ'} onChange={() => setLevel('READ')} /> Read (personal data stays redacted)</label>
        <label><input type="radio" name={`${id}-level`} checked={level === 'READ_PII'} onChange={() => setLevel('READ_PII')} /> Read with PII (unlocked per query, with a reason)</label>
      </fieldset>
      <label>
        What you are working on
        <textarea required maxLength={2000} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="request-reason"
          placeholder="e.g. TICKET-123: churn analysis for the Q3 review" />
      </label>
      <label>
        For how long
        <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="request-duration">
          {DURATIONS.map((d) => <option key={d} value={d}>{durationLabel(d)}</option>)}
        </select>
      </label>
      {send.isError && <p className="error-text" role="alert">{errorMessage(send.error)}</p>}
      <div className="row">
        <button type="submit" disabled={send.isPending || !reason.trim()}>{send.isPending ? 'Sending…' : 'Send request'}</button>
        <button type="button" className="secondary" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
