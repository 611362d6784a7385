import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { NoteCard } from './NoteCard';
import { fetchAgentNotes } from './notesApi';

/** The agent memory notes about a dataset or its columns, on the dataset page; nothing when there are none. */
export function DatasetNotes({ name }: { name: string }) {
  const notes = useQuery({ queryKey: ['agent-notes', { about: name }], queryFn: ({ signal }) => fetchAgentNotes({ about: name, first: 20 }, signal) });
  if (!notes.data?.length) return null;
  return (
    <section className="dataset-notes" aria-labelledby="dataset-notes-heading" data-testid="dataset-notes">
      <h2 id="dataset-notes-heading" className="small-heading">Notes from agent memory <Link className="small" to={`/memory?about=${encodeURIComponent(name)}`}>all</Link></h2>
      <ul className="note-list">{notes.data.map((n) => <NoteCard key={n.id} note={n} />)}</ul>
    </section>
  );
}
