import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api/client';

export interface Chip { key: string; label: string; href?: string; title?: string }

/** A list of tags, terms or owners; editors may add and remove entries in place. */
export function ChipEditor({ label, chips, canEdit, onAdd, onRemove, emptyText }: {
  label: string; chips: Chip[]; canEdit: boolean; emptyText: string;
  onAdd: (value: string) => Promise<void>; onRemove: (key: string) => Promise<void>;
}) {
  const [adding, setAdding] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try { await action(); } catch (e) { setError(errorMessage(e)); } finally { setBusy(false); }
  };
  return (
    <div className="chips" aria-label={label} role="group">
      {chips.length === 0 && !adding && <span className="muted small">{emptyText}</span>}
      {chips.map((chip) => (
        <span key={chip.key} className="chip" title={chip.title}>
          {chip.href ? <Link to={chip.href}>{chip.label}</Link> : chip.label}
          {canEdit && (
            <button type="button" className="chip-remove" aria-label={`Remove ${label.toLowerCase()} ${chip.label}`} disabled={busy}
              onClick={() => void run(() => onRemove(chip.key))}>×</button>
          )}
        </span>
      ))}
      {canEdit && (adding ? (
        <form className="chip-add" onSubmit={(e) => {
          e.preventDefault();
          const v = value.trim();
          if (!v) return;
          void run(async () => { await onAdd(v); setValue(''); setAdding(false); });
        }}>
          <input aria-label={`New ${label.toLowerCase()}`} value={value} onChange={(e) => setValue(e.target.value)} autoFocus
            onKeyDown={(e) => { if (e.key === 'Escape') setAdding(false); }} />
          <button type="submit" disabled={busy}>Add</button>
        </form>
      ) : (
        <button type="button" className="link-button" onClick={() => setAdding(true)} aria-label={`Add ${label.toLowerCase()}`}>+ {label.toLowerCase()}</button>
      ))}
      {error && <p role="alert" className="error-text">{error}</p>}
    </div>
  );
}
