import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { Empty, ErrorNotice, Loading } from '../components/States';
import { usePageTitle } from '../components/usePageTitle';
import { NoteCard } from '../notes/NoteCard';
import { fetchAgentNotes, type NoteFilter } from '../notes/notesApi';

const FIELDS = ['q', 'about', 'author', 'team'] as const;

/** Shared agent memory: the notes agents wrote down that the caller can see, searchable, editable and deletable. Filters live in the URL. */
export function MemoryPage() {
  usePageTitle('Agent memory');
  const [params, setParams] = useSearchParams();
  const filter: NoteFilter = {
    query: params.get('q'), about: params.get('about'), author: params.get('author'), team: params.get('team'),
    sharedOnly: params.get('shared') === '1',
  };
  const notes = useQuery({ queryKey: ['agent-notes', filter], queryFn: ({ signal }) => fetchAgentNotes(filter, signal) });
  const apply = (form: FormData) => {
    const next = new URLSearchParams();
    for (const field of FIELDS) {
      const value = String(form.get(field) ?? '').trim();
      if (value) next.set(field, value);
    }
    if (form.get('shared')) next.set('shared', '1');
    setParams(next);
  };
  return (
    <section className="memory">
      <h1>Agent memory</h1>
      <p className="muted">Facts agents wrote down with <code>remember</code> — yours, and those shared with your teams. Agents get them back from <code>recall</code> and <code>search_datasets</code>; fix or remove the ones that are wrong.</p>
      <form role="search" aria-label="Search notes" className="note-filters" key={params.toString()}
        onSubmit={(e) => { e.preventDefault(); apply(new FormData(e.currentTarget)); }}>
        <label>Words <input name="q" type="search" defaultValue={filter.query ?? ''} maxLength={500} data-testid="note-search" /></label>
        <label>About <input name="about" defaultValue={filter.about ?? ''} placeholder="demo.fct.billings_allocated" maxLength={500} /></label>
        <label>Author <input name="author" defaultValue={filter.author ?? ''} maxLength={200} /></label>
        <label>Team <input name="team" defaultValue={filter.team ?? ''} maxLength={200} /></label>
        <label><input name="shared" type="checkbox" defaultChecked={filter.sharedOnly} /> Shared only</label>
        <button type="submit">Search</button>
      </form>
      {notes.isPending && <Loading what="notes" />}
      {notes.isError && <ErrorNotice error={notes.error} what="notes" />}
      {notes.data && (notes.data.length
        ? <ul className="note-list" aria-label="Notes">{notes.data.map((n) => <NoteCard key={n.id} note={n} />)}</ul>
        : <Empty>No notes match. Sign in to see your notes and your teams’ shared notes.</Empty>)}
    </section>
  );
}
