import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { graphql } from '../api/client';
import type { GlossaryTerm, GlossaryTermSummary } from '../api/types';
import { friendlyError } from '../components/friendlyError';
import { splitList } from './TermForm';

/** What updateGlossaryTerm changes; a field left out stays as it is, an empty parent moves the term to the top level. */
export interface GlossaryTermUpdate {
  name?: string; definition?: string; parent?: string; synonyms?: string[]; relatedTerms?: string[];
}

export async function updateGlossaryTerm(name: string, input: GlossaryTermUpdate): Promise<{ name: string }> {
  const data = await graphql<{ updateGlossaryTerm: { name: string } }>(
    `mutation UpdateGlossaryTerm($name: String!, $input: GlossaryTermUpdateInput!) { updateGlossaryTerm(name: $name, input: $input) { urn name } }`,
    { name, input });
  return data.updateGlossaryTerm;
}

/** Groups a term may move into: every group but itself and the groups inside it. */
export function possibleParents(term: string, terms: GlossaryTermSummary[]): GlossaryTermSummary[] {
  const parentOf = new Map(terms.map((t) => [t.name, t.parent?.name ?? null]));
  const inside = (name: string) => {
    const seen = new Set<string>();
    for (let at: string | null | undefined = name; at && !seen.has(at); at = parentOf.get(at)) {
      if (at === term) return true;
      seen.add(at);
    }
    return false;
  };
  return terms.filter((t) => t.isGroup && !inside(t.name));
}

/** Edits a glossary term in place: name, definition, group, synonyms and related terms. */
export function EditTermForm({ term, terms, onDone }: { term: GlossaryTerm; terms: GlossaryTermSummary[]; onDone: () => void }) {
  const navigate = useNavigate();
  const client = useQueryClient();
  const [draft, setDraft] = useState({
    name: term.name, definition: term.definition ?? '', parent: term.parent?.name ?? '',
    synonyms: term.synonyms.join(', '), relatedTerms: term.relatedTerms.map((r) => r.name).join(', '),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [key]: e.target.value });
  const submit = async () => {
    const name = draft.name.trim();
    if (!name) { setError('A term needs a name.'); return; }
    const related = splitList(draft.relatedTerms);
    const unknown = related.filter((r) => !terms.some((t) => t.name.toLowerCase() === r.toLowerCase()));
    if (unknown.length) { setError(`Related terms must exist: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in the glossary.`); return; }
    setBusy(true);
    setError(null);
    try {
      const saved = await updateGlossaryTerm(term.name, {
        ...(name !== term.name ? { name } : {}),
        definition: draft.definition, parent: draft.parent, synonyms: splitList(draft.synonyms), relatedTerms: related,
      });
      await client.invalidateQueries({ queryKey: ['glossary-terms'] });
      await client.invalidateQueries({ queryKey: ['glossary-term'] });
      await client.invalidateQueries({ queryKey: ['suggest', 'terms'] });
      onDone();
      if (saved.name !== term.name) navigate(`/glossary/${encodeURIComponent(saved.name)}`, { replace: true });
    } catch (e) {
      setError(friendlyError(`save the term “${term.name}”`, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="term-form" aria-labelledby="edit-term-heading" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2 id="edit-term-heading">Edit {term.name}</h2>
      <label>Name <input value={draft.name} onChange={set('name')} required maxLength={200} data-testid="edit-term-name" /></label>
      {draft.name.trim() !== term.name && <p className="muted small">Datasets, columns and terms that use “{term.name}” will use the new name.</p>}
      <label>Definition (Markdown) <textarea value={draft.definition} onChange={set('definition')} rows={5} data-testid="edit-term-definition" /></label>
      <label>In group{' '}
        <select value={draft.parent} onChange={set('parent')}>
          <option value="">(top level)</option>
          {possibleParents(term.name, terms).map((g) => <option key={g.urn} value={g.name}>{g.name}</option>)}
        </select>
      </label>
      <label>Synonyms (comma-separated) <input value={draft.synonyms} onChange={set('synonyms')} /></label>
      <label>Related terms (comma-separated, existing) <input value={draft.relatedTerms} onChange={set('relatedTerms')} list="existing-terms-edit" /></label>
      <datalist id="existing-terms-edit">{terms.filter((t) => t.name !== term.name).map((t) => <option key={t.urn} value={t.name} />)}</datalist>
      <div className="row">
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save changes'}</button>
        <button type="button" className="secondary" onClick={onDone} disabled={busy}>Cancel</button>
      </div>
      {error && <p role="alert" className="error-text">{error}</p>}
    </form>
  );
}
