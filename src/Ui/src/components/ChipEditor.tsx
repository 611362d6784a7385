import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { fetchTags, fetchTermNames } from '../api/operations';
import { friendlyError } from './friendlyError';

export interface Chip { key: string; label: string; href?: string; title?: string; detail?: string }

/** Existing values the add box suggests: tags and glossary terms come from the catalog. */
export type Suggest = 'tags' | 'terms';

/**
 * A list of tags or terms; editors may add entries (picking from existing values) and remove them, with an undo for
 * a removal.
 */
export function ChipEditor({ label, chips, canEdit, onAdd, onRemove, emptyText, suggest }: {
  label: string; chips: Chip[]; canEdit: boolean; emptyText: string; suggest?: Suggest;
  onAdd: (value: string) => Promise<void>; onRemove: (key: string) => Promise<void>;
}) {
  const [adding, setAdding] = useState(false);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<Chip | null>(null);
  const listId = useId();
  const noun = label.toLowerCase();
  const options = useQuery({
    queryKey: ['suggest', suggest],
    queryFn: ({ signal }) => (suggest === 'terms' ? fetchTermNames(signal) : fetchTags(signal)),
    enabled: adding && suggest !== undefined,
    staleTime: 60_000,
  });
  const run = async (action: () => Promise<void>, what: string) => {
    setBusy(true);
    setError(null);
    try { await action(); } catch (e) { setError(friendlyError(what, e)); } finally { setBusy(false); }
  };
  const present = new Set(chips.map((c) => c.key.toLowerCase()));
  const suggestions = (options.data ?? []).map((o) => o.name).filter((n) => !present.has(n.toLowerCase()));
  const isNew = suggest === 'terms' && value.trim() !== '' && options.isSuccess && !suggestions.some((s) => s.toLowerCase() === value.trim().toLowerCase());
  return (
    <div className="chips" aria-label={label} role="group">
      {chips.length === 0 && !adding && emptyText && <span className="muted small">{emptyText}</span>}
      {chips.map((chip) => (
        <span key={chip.key} className="chip" title={chip.title}>
          {chip.href ? <Link to={chip.href}>{chip.label}</Link> : chip.label}
          {chip.detail && <span className="chip-detail">{chip.detail}</span>}
          {canEdit && (
            <button type="button" className="chip-remove" aria-label={`Remove ${noun} ${chip.label}`} disabled={busy}
              onClick={() => void run(async () => { await onRemove(chip.key); setRemoved(chip); }, `remove ${noun} “${chip.label}”`)}>×</button>
          )}
        </span>
      ))}
      {canEdit && (adding ? (
        <form className="chip-add" onSubmit={(e) => {
          e.preventDefault();
          const v = value.trim();
          if (!v) return;
          // Terms must exist (the glossary is curated); tags are created on first use.
          if (isNew) { setError(`There is no glossary term “${v}”. Pick one from the list, or create it in the glossary first.`); return; }
          void run(async () => { await onAdd(v); setValue(''); setAdding(false); setRemoved(null); }, `add ${noun} “${v}”`);
        }}>
          <input aria-label={`New ${noun}`} value={value} onChange={(e) => setValue(e.target.value)} autoFocus list={suggest ? listId : undefined}
            placeholder={suggest === 'terms' ? 'pick a term' : suggest === 'tags' ? 'existing or new tag' : undefined}
            onKeyDown={(e) => { if (e.key === 'Escape') setAdding(false); }} />
          {suggest && <datalist id={listId}>{suggestions.map((s) => <option key={s} value={s} />)}</datalist>}
          <button type="submit" disabled={busy}>Add</button>
          <button type="button" className="secondary" onClick={() => { setAdding(false); setError(null); }}>Cancel</button>
        </form>
      ) : (
        <button type="button" className="link-button add-chip" onClick={() => setAdding(true)} aria-label={`Add ${noun}`}>+ {noun}</button>
      ))}
      {removed && !busy && (
        <span className="undo" role="status">
          Removed {noun} {removed.label}.{' '}
          <button type="button" className="link-button" onClick={() => void run(async () => { await onAdd(removed.key); setRemoved(null); }, `restore ${noun} “${removed.label}”`)}>Undo</button>
        </span>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </div>
  );
}
