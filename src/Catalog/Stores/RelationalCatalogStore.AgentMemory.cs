using Dapper;
using TownLake.Catalog.Agents.Memory;

namespace TownLake.Catalog.Stores;

/// <summary>Agent notes (<see cref="IAgentMemoryStore"/>): <c>agent_notes</c> and the entities each is about in <c>agent_note_subjects</c> (migration 111).</summary>
public abstract partial class RelationalCatalogStore : IAgentMemoryStore
{
    public async Task SaveNoteAsync(AgentNote note, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO agent_notes (id, fact, author, team, created_at, updated_at, updated_by)
            VALUES (@Id, @Fact, @Author, @Team, @CreatedAt, @UpdatedAt, @UpdatedBy)
            ON CONFLICT (id) DO UPDATE SET fact = excluded.fact, team = excluded.team, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new
        {
            note.Id,
            note.Fact,
            note.Author,
            note.Team,
            CreatedAt = note.CreatedAt.ToUnixTimeMilliseconds(),
            UpdatedAt = note.UpdatedAt.ToUnixTimeMilliseconds(),
            note.UpdatedBy,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agent_note_subjects WHERE note_id = @id", new { id = note.Id }, transaction, cancellationToken: cancellationToken));
        foreach (var subject in note.About.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO agent_note_subjects (note_id, subject) VALUES (@id, @subject)", new { id = note.Id, subject }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AgentNote?> GetNoteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NoteRow>(new CommandDefinition("SELECT * FROM agent_notes WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return (await WithSubjectsAsync(connection, rows.ToList(), cancellationToken)).FirstOrDefault();
    }

    public async Task<bool> DeleteNoteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agent_note_subjects WHERE note_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var deleted = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agent_notes WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }

    public async Task<IReadOnlyList<AgentNote>> ListNotesAsync(string user, IReadOnlyList<string> teams, bool allShared, bool sharedOnly, int first, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // Teams are listed as one parameter each (InList): Dapper hands an array to Npgsql as one array parameter, which `IN` cannot take.
        var (teamList, parameters) = InList(teams.Distinct(StringComparer.Ordinal).Take(500).ToList());
        var visible = allShared ? "team IS NOT NULL" : teams.Count == 0 ? "1 = 0" : $"team IN ({teamList})";
        var where = sharedOnly ? visible : $"((author = @user AND team IS NULL) OR {visible})";
        parameters.Add("user", user);
        parameters.Add("first", first);
        var rows = await connection.QueryAsync<NoteRow>(new CommandDefinition(
            $"SELECT * FROM agent_notes WHERE {where} ORDER BY updated_at DESC, id LIMIT @first", parameters, cancellationToken: cancellationToken));
        return await WithSubjectsAsync(connection, rows.ToList(), cancellationToken);
    }

    private static async Task<IReadOnlyList<AgentNote>> WithSubjectsAsync(System.Data.Common.DbConnection connection, List<NoteRow> rows, CancellationToken cancellationToken)
    {
        var subjects = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.Id).Chunk(500))
        {
            var (ids, parameters) = InList(chunk);
            var found = await connection.QueryAsync<(string NoteId, string Subject)>(new CommandDefinition(
                $"SELECT note_id, subject FROM agent_note_subjects WHERE note_id IN ({ids}) ORDER BY subject", parameters, cancellationToken: cancellationToken));
            foreach (var (noteId, subject) in found)
            {
                (subjects.TryGetValue(noteId, out var list) ? list : subjects[noteId] = []).Add(subject);
            }
        }

        return rows.Select(r => new AgentNote(r.Id, r.Fact, subjects.GetValueOrDefault(r.Id) ?? [], r.Author, r.Team,
            DateTimeOffset.FromUnixTimeMilliseconds(r.Created_At), DateTimeOffset.FromUnixTimeMilliseconds(r.Updated_At), r.Updated_By)).ToList();
    }

    private sealed class NoteRow
    {
        public string Id { get; set; } = "";
        public string Fact { get; set; } = "";
        public string Author { get; set; } = "";
        public string? Team { get; set; }
        public long Created_At { get; set; }
        public long Updated_At { get; set; }
        public string Updated_By { get; set; } = "";
    }
}
