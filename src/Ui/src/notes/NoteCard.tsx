import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { entityPath } from '../components/entityPath';
import { friendlyError } from '../components/friendlyError';
import { formatDate } from '../format/dates';
import { datasetOf, deleteAgentNote, splitSubjects, updateAgentNote, type AgentNote } from './notesApi';

/** One note: its fact, what it is about and who can see it; edit in place and delete after a confirmation. */
export function NoteCard({ note }: { note: AgentNote }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [fact, setFact] = useState(note.fact);
  const [about, setAbout] = useState(note.about.join(', '));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (what: string, action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await client.invalidateQueries({ queryKey: ['agent-notes'] });
      setMode('view');
    } catch (e) {
      setError(friendlyError(what, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="note-card" data-testid="agent-note">
      {mode === 'edit' ? (
        <form aria-label="Edit note" onSubmit={(e) => { e.preventDefault(); void run('save the note', () => updateAgentNote(note.id, fact.trim(), splitSubjects(about))); }}>
          <label>Fact <textarea value={fact} onChange={(e) => setFact(e.target.value)} rows={3} maxLength={2000} required data-testid="note-fact" /></label>
          <label>About (datasets or columns, comma-separated) <input value={about} onChange={(e) => setAbout(e.target.value)} /></label>
          <div className="row">
            <button type="submit" disabled={busy || !fact.trim()}>{busy ? 'Saving…' : 'Save'}</button>
            <button type="button" className="secondary" disabled={busy} onClick={() => { setFact(note.fact); setAbout(note.about.join(', ')); setMode('view'); }}>Cancel</button>
          </div>
        </form>
      ) : (
        <>
          <p className="note-fact">{note.fact}</p>
          {note.about.length > 0 && (
            <p className="small">About{' '}
              {note.about.map((s, i) => {
                const { dataset, column } = datasetOf(s);
                return <span key={s}>{i > 0 && ', '}<Link to={entityPath('DATASET', dataset) + (column ? `?column=${encodeURIComponent(column)}` : '')}>{s}</Link></span>;
              })}
            </p>
          )}
          <p className="muted small">
            <span className="badge">{note.shared ? `team ${note.team}` : 'private'}</span>{' '}
            by {note.author} · updated {formatDate(note.updatedAt)}{note.updatedBy !== note.author && <> by {note.updatedBy}</>}
          </p>
          {note.canEdit && mode === 'view' && (
            <div className="row">
              <button type="button" className="secondary" onClick={() => setMode('edit')}>Edit</button>
              <button type="button" className="secondary" onClick={() => setMode('confirm-delete')}>Delete</button>
            </div>
          )}
          {mode === 'confirm-delete' && (
            <div className="row" role="group" aria-label="Confirm deletion">
              <span>Delete this note for everyone who can see it?</span>
              <button type="button" className="danger" disabled={busy} onClick={() => void run('delete the note', () => deleteAgentNote(note.id))} data-testid="confirm-delete-note">
                {busy ? 'Deleting…' : 'Delete note'}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => setMode('view')}>Keep it</button>
            </div>
          )}
        </>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </li>
  );
}
