// The GraphQL operations of the agent memory page and of the notes on a dataset page.
import { graphql } from '../api/client';

/** A note an agent (or a person) wrote down with `remember`, as the UI shows it. */
export interface AgentNote {
  id: string;
  fact: string;
  about: string[];
  author: string;
  team: string | null;
  shared: boolean;
  updatedAt: string;
  updatedBy: string;
  canEdit: boolean;
}

/** The filters of the memory page; every one given must match. */
export interface NoteFilter {
  query?: string | null;
  about?: string | null;
  author?: string | null;
  team?: string | null;
  sharedOnly?: boolean;
  first?: number;
}

const NOTE = 'id fact about author team shared updatedAt updatedBy canEdit';

export async function fetchAgentNotes(filter: NoteFilter, signal?: AbortSignal): Promise<AgentNote[]> {
  const data = await graphql<{ agentNotes: AgentNote[] }>(
    `query AgentNotes($query: String, $about: String, $author: String, $team: String, $sharedOnly: Boolean, $first: Int) {
      agentNotes(query: $query, about: $about, author: $author, team: $team, sharedOnly: $sharedOnly, first: $first) { ${NOTE} } }`,
    {
      query: filter.query || null, about: filter.about || null, author: filter.author || null, team: filter.team || null,
      sharedOnly: filter.sharedOnly ?? false, first: filter.first ?? 100,
    }, signal);
  return data.agentNotes;
}

export async function updateAgentNote(id: string, fact: string, about: string[]): Promise<AgentNote> {
  const data = await graphql<{ updateAgentNote: AgentNote }>(
    `mutation UpdateAgentNote($id: ID!, $fact: String, $about: [String!]) { updateAgentNote(id: $id, fact: $fact, about: $about) { ${NOTE} } }`,
    { id, fact, about });
  return data.updateAgentNote;
}

export async function deleteAgentNote(id: string): Promise<string> {
  const data = await graphql<{ deleteAgentNote: string }>(`mutation DeleteAgentNote($id: ID!) { deleteAgentNote(id: $id) }`, { id });
  return data.deleteAgentNote;
}

/** "a, b ,, c" or one per line → ["a", "b", "c"] */
export const splitSubjects = (text: string) => text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);

/** The dataset a subject names: "catalog.schema.table" itself, or the table of "catalog.schema.table.column". */
export function datasetOf(subject: string): { dataset: string; column: string | null } {
  const parts = subject.split('.');
  return parts.length > 3 ? { dataset: parts.slice(0, 3).join('.'), column: parts.slice(3).join('.') } : { dataset: subject, column: null };
}
