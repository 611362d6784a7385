namespace TownLake.Catalog.Agents.Memory;

/// <summary>Agent notes in the catalog database (SQLite or PostgreSQL; tables <c>agent_notes</c>, <c>agent_note_subjects</c>).</summary>
public interface IAgentMemoryStore
{
    Task SaveNoteAsync(AgentNote note, CancellationToken cancellationToken);

    Task<AgentNote?> GetNoteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes a note; false when there was none.</summary>
    Task<bool> DeleteNoteAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Notes readable by a user: their own private ones and those shared with any of <paramref name="teams"/> (every
    /// shared note when <paramref name="allShared"/>), newest first, at most <paramref name="first"/>; with
    /// <paramref name="sharedOnly"/> only shared ones.
    /// </summary>
    Task<IReadOnlyList<AgentNote>> ListNotesAsync(string user, IReadOnlyList<string> teams, bool allShared, bool sharedOnly, int first, CancellationToken cancellationToken);
}
