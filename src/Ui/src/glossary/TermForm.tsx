import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { createGlossaryTerm, type GlossaryTermDraft } from '../api/operations';
import type { GlossaryTermSummary } from '../api/types';
import { friendlyError } from '../components/friendlyError';

/** "a, b ,, c" → ["a", "b", "c"] */
export const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** Creates a glossary term (or a group of terms) and opens it. */
export function NewTermForm({ terms, onCancel }: { terms: GlossaryTermSummary[]; onCancel: () => void }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [draft, setDraft] = useState({ name: '', definition: '', parent: '', isGroup: false, synonyms: '', relatedTerms: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const groups = terms.filter((t) => t.isGroup);
  const set = (key: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [key]: e.target.type === 'checkbox' ? (e.target as HTMLInputElement).checked : e.target.value });
  const submit = async () => {
    const input: GlossaryTermDraft = {
      name: draft.name.trim(), definition: draft.definition.trim() || null, parent: draft.parent || null, isGroup: draft.isGroup,
      synonyms: splitList(draft.synonyms), relatedTerms: splitList(draft.relatedTerms),
    };
    if (!input.name) { setError('Give the term a name.'); return; }
    const unknown = input.relatedTerms.filter((r) => !terms.some((t) => t.name.toLowerCase() === r.toLowerCase()));
    if (unknown.length) { setError(`Related terms must exist: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the glossary.`); return; }
    setBusy(true);
    setError(null);
    try {
      const created = await createGlossaryTerm(input);
      await client.invalidateQueries({ queryKey: ['glossary-terms'] });
      await client.invalidateQueries({ queryKey: ['suggest', 'terms'] });
      navigate(`/glossary/${encodeURIComponent(created.name)}`);
    } catch (e) {
      setError(friendlyError(`create the term “${input.name}”`, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="term-form" aria-labelledby="new-term-heading" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2 id="new-term-heading">New glossary term</h2>
      <label>Name <input value={draft.name} onChange={set('name')} required maxLength={200} autoFocus data-testid="term-name" /></label>
      <label>Definition (Markdown) <textarea value={draft.definition} onChange={set('definition')} rows={5} data-testid="term-definition" /></label>
      <label>In group{' '}
        <select value={draft.parent} onChange={set('parent')}>
          <option value="">(top level)</option>
          {groups.map((g) => <option key={g.urn} value={g.name}>{g.name}</option>)}
        </select>
      </label>
      <label><input type="checkbox" checked={draft.isGroup} onChange={set('isGroup')} /> This is a group of terms</label>
      <label>Synonyms (comma-separated) <input value={draft.synonyms} onChange={set('synonyms')} /></label>
      <label>Related terms (comma-separated, existing) <input value={draft.relatedTerms} onChange={set('relatedTerms')} list="existing-terms" /></label>
      <datalist id="existing-terms">{terms.map((t) => <option key={t.urn} value={t.name} />)}</datalist>
      <div className="row">
        <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create term'}</button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>Cancel</button>
      </div>
      {error && <p role="alert" className="error-text">{error}</p>}
    </form>
  );
}
