namespace TownLake.Catalog.Agents.Memory;

/// <summary>A note as a tool answer shows it: id (for <c>forget</c>), the fact, what it is about, and who can see it.</summary>
public sealed record NoteView(string Id, string Fact, IReadOnlyList<string>? About, string Visibility, string Author)
{
    public static NoteView From(AgentNote note) => new(note.Id, note.Fact, note.About.Count > 0 ? note.About : null, note.Team is null ? "private" : $"team:{note.Team}", note.Author);
}
