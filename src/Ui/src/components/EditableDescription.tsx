import { useState } from 'react';
import { errorMessage } from '../api/client';
import { Markdown } from './Markdown';

/** Shows a Markdown description; when the caller may edit, an Edit button turns it into a textarea. */
export function EditableDescription({ text, canEdit, label, onSave }: {
  text?: string | null; canEdit: boolean; label: string; onSave: (text: string) => Promise<void>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (draft === null) {
    return (
      <div className="editable">
        <Markdown text={text} />
        {canEdit && <button type="button" className="link-button" onClick={() => { setDraft(text ?? ''); setError(null); }} aria-label={`Edit ${label}`}>Edit</button>}
      </div>
    );
  }
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await onSave(draft);
      setDraft(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="editing">
      <textarea aria-label={label} value={draft} rows={5} onChange={(e) => setDraft(e.target.value)} autoFocus
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(); if (e.key === 'Escape') setDraft(null); }} />
      <div className="row">
        <button type="button" onClick={() => void save()} disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
        <button type="button" className="secondary" onClick={() => setDraft(null)} disabled={saving}>Cancel</button>
      </div>
      {error && <p role="alert" className="error-text">Could not save: {error}</p>}
    </div>
  );
}
