using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents.Memory;

/// <summary>
/// Agent memory: writes notes for a caller (private, or shared with one of the caller's teams), finds the ones
/// relevant to a question or to the datasets at hand, and lets the people who can see a shared note edit or remove it.
/// A private note is its author's alone; a shared note is read and edited by its team's members, stewards and admins.
/// </summary>
public sealed class AgentMemory(IAgentMemoryStore store, TimeProvider clock)
{
    public const int MaxFactLength = 2_000;
    public const int MaxSubjects = 20;
    public const int MaxSubjectLength = 512;

    /// <summary>Notes read per recall: the newest this many a caller can see are ranked.</summary>
    private const int RecallWindow = 5_000;

    public async Task<AgentNote> RememberAsync(string fact, IReadOnlyList<string>? about, string? team, Caller caller, CancellationToken cancellationToken)
    {
        EnsureSignedIn(caller, "remember notes");
        var note = new AgentNote(Guid.NewGuid().ToString("N"), CleanFact(fact), CleanSubjects(about), caller.UserName, CheckTeam(team, caller), clock.GetUtcNow(), clock.GetUtcNow(), caller.UserName);
        await store.SaveNoteAsync(note, cancellationToken);
        return note;
    }

    public async Task<AgentNote> EditAsync(string id, string? fact, IReadOnlyList<string>? about, Caller caller, CancellationToken cancellationToken)
    {
        var note = await VisibleAsync(id, caller, cancellationToken);
        EnsureMayChange(note, caller);
        var edited = note with
        {
            Fact = fact is null ? note.Fact : CleanFact(fact),
            About = about is null ? note.About : CleanSubjects(about),
            UpdatedAt = clock.GetUtcNow(),
            UpdatedBy = caller.UserName,
        };
        await store.SaveNoteAsync(edited, cancellationToken);
        return edited;
    }

    public async Task<AgentNote> ForgetAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        var note = await VisibleAsync(id, caller, cancellationToken);
        EnsureMayChange(note, caller);
        await store.DeleteNoteAsync(id, cancellationToken);
        return note;
    }

    /// <summary>The caller's notes ranked by how well they match <paramref name="query"/> (the newest first when it is empty).</summary>
    public async Task<IReadOnlyList<AgentNote>> RecallAsync(string? query, Caller caller, bool sharedOnly, int max, CancellationToken cancellationToken)
    {
        if (!caller.IsAuthenticated)
        {
            return [];
        }

        var notes = await store.ListNotesAsync(caller.UserName, caller.Groups, caller.CanEdit, sharedOnly, RecallWindow, cancellationToken);
        if (string.IsNullOrWhiteSpace(query))
        {
            return notes.Take(max).ToList();
        }

        var words = NoteWords.Of(query);
        return notes.Select(n => (Note: n, Score: NoteWords.Score(words, n, [])))
            .Where(s => s.Score > 0).OrderByDescending(s => s.Score).ThenByDescending(s => s.Note.UpdatedAt)
            .Take(max).Select(s => s.Note).ToList();
    }

    /// <summary>Notes about any of <paramref name="subjects"/> (datasets or their columns) first, then those matching the question.</summary>
    public async Task<IReadOnlyList<NoteView>> RelevantAsync(Caller caller, string query, IReadOnlyList<string> subjects, int max, CancellationToken cancellationToken)
    {
        if (!caller.IsAuthenticated)
        {
            return [];
        }

        var notes = await store.ListNotesAsync(caller.UserName, caller.Groups, caller.CanEdit, sharedOnly: false, RecallWindow, cancellationToken);
        var words = NoteWords.Of(query);
        return notes.Select(n => (Note: n, Score: NoteWords.Score(words, n, subjects)))
            .Where(s => s.Score >= NoteWords.SubjectWeight || s.Score >= 2)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Note.UpdatedAt)
            .Take(max).Select(s => NoteView.From(s.Note)).ToList();
    }

    /// <summary>
    /// The notes a caller can see (their private ones, those shared with their teams; every shared one for stewards and
    /// admins) that match every filter given: words of <see cref="NoteFilter.Query"/>, an entity they are about (a
    /// dataset also matches notes about its columns), an author, a team. Newest first.
    /// </summary>
    public async Task<IReadOnlyList<AgentNote>> ListAsync(NoteFilter filter, Caller caller, CancellationToken cancellationToken)
    {
        filter.Validate();
        if (!caller.IsAuthenticated)
        {
            return [];
        }

        var notes = await store.ListNotesAsync(caller.UserName, caller.Groups, caller.CanEdit, filter.SharedOnly, RecallWindow, cancellationToken);
        var about = filter.About?.Trim();
        var words = string.IsNullOrWhiteSpace(filter.Query) ? null : NoteWords.Of(filter.Query);
        return notes
            .Where(n => filter.Author is null || string.Equals(n.Author, filter.Author.Trim(), StringComparison.Ordinal))
            .Where(n => filter.Team is null || string.Equals(n.Team, filter.Team.Trim(), StringComparison.Ordinal))
            .Where(n => string.IsNullOrEmpty(about) || n.About.Any(s => s.Equals(about, StringComparison.OrdinalIgnoreCase) || s.StartsWith(about + ".", StringComparison.OrdinalIgnoreCase)))
            .Select(n => (Note: n, Score: words is null ? 1 : NoteWords.Score(words, n, [])))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => words is null ? 0 : s.Score).ThenByDescending(s => s.Note.UpdatedAt)
            .Take(filter.First).Select(s => s.Note).ToList();
    }

    /// <summary>Whether the caller may edit or delete a note they can see (always, today: see <see cref="VisibleAsync"/>).</summary>
    public static bool MayChange(AgentNote note, Caller caller) =>
        caller.IsAuthenticated && (note.Team is null ? note.Author == caller.UserName : caller.Groups.Contains(note.Team) || caller.CanEdit);

    /// <summary>
    /// A note the caller may read. Someone else's private note is reported as missing (NOT_FOUND), never as forbidden,
    /// so its existence does not leak; a note shared with a team the caller is not in is FORBIDDEN (shared notes are
    /// meant to be seen, by their team, stewards and admins).
    /// </summary>
    public async Task<AgentNote> VisibleAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            throw CatalogException.BadInput("A note id is the 32-character id recall or agentNotes returns.");
        }

        var note = await store.GetNoteAsync(id, cancellationToken);
        if (note is null || (note.Team is null && (!caller.IsAuthenticated || note.Author != caller.UserName)))
        {
            throw new CatalogException(Hosting.Errors.ErrorCodes.NotFound, $"No note {InputEcho.Quote(id)} that you can see.") { Hint = "Call recall to list your notes and their ids." };
        }

        EnsureSignedIn(caller, "read or change shared notes");
        if (!MayChange(note, caller))
        {
            throw CatalogException.Forbidden($"{caller.UserName} is not in the team {InputEcho.Quote(note.Team!)} the note is shared with; its members, stewards and admins may read and change it.");
        }

        return note;
    }

    private static void EnsureMayChange(AgentNote note, Caller caller)
    {
        // VisibleAsync already refused everyone else: a private note is its author's, a shared one its team's, the stewards' and the admins'.
        if (!MayChange(note, caller))
        {
            throw CatalogException.Forbidden($"{caller.UserName} may not change note {note.Id}.");
        }
    }

    private static void EnsureSignedIn(Caller caller, string what)
    {
        if (!caller.IsAuthenticated)
        {
            throw CatalogException.Forbidden($"{caller.UserName} may not {what}: sign in (bearer token or trusted proxy header) so notes have an owner.");
        }
    }

    private static string? CheckTeam(string? team, Caller caller)
    {
        if (string.IsNullOrWhiteSpace(team))
        {
            return null;
        }

        team = team.Trim();
        if (!caller.Groups.Contains(team, StringComparer.Ordinal))
        {
            throw new CatalogException(Hosting.Errors.ErrorCodes.Forbidden, $"{caller.UserName} is not in the team {InputEcho.Quote(team)}, so cannot share a note with it.")
            {
                Hint = caller.Groups.Count == 0 ? "Leave 'team' out to keep the note private." : $"Share with one of your teams: {string.Join(", ", caller.Groups.Take(10))}.",
            };
        }

        return team;
    }

    private static string CleanFact(string fact)
    {
        fact = fact.Trim();
        if (fact.Length == 0)
        {
            throw CatalogException.BadInput("A note's 'fact' is empty: write what you learned, e.g. \"revenue means fct.billings_allocated.alloc_amount\".");
        }

        if (fact.Length > MaxFactLength || fact.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
        {
            throw CatalogException.BadInput($"A note's 'fact' must be at most {MaxFactLength:N0} characters of text (it has {fact.Length:N0}); write one fact per note.");
        }

        return fact;
    }

    private static IReadOnlyList<string> CleanSubjects(IReadOnlyList<string>? about)
    {
        var subjects = (about ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (subjects.Count > MaxSubjects || subjects.Any(s => s.Length > MaxSubjectLength || s.Any(char.IsControl)))
        {
            throw CatalogException.BadInput($"'about' takes at most {MaxSubjects} dataset or column names of at most {MaxSubjectLength} characters each.");
        }

        return subjects;
    }
}
