using System.Text.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Agents.Memory;

/// <summary>The memory tools: <c>remember</c>, <c>recall</c>, <c>forget</c>.</summary>
public sealed class MemoryTools(AgentMemory memory, AnswerFitter fitter)
{
    public IReadOnlyList<AgentTool> All =>
    [
        new("remember", "Remember a fact",
            "Write down something you learned so you (or your team) need not learn it again, e.g. which column means revenue. Say which datasets or columns it is about so search_datasets and recall return it with them. Private unless 'team' names one of your teams.",
            [
                AgentToolParameter.String("fact", "The fact, one per note.", required: true, example: "revenue means demo.fct.billings_allocated.alloc_amount, not billed_amount") with { MaxLength = AgentMemory.MaxFactLength },
                new("about", "array", "Dataset or column names the fact is about.", Example: new JsonArray("demo.fct.billings_allocated")),
                AgentToolParameter.String("team", "Share the note with this team (one of your groups); leave out to keep it private.", example: "finance-analytics"),
            ],
            RememberAsync)
        {
            ReadOnly = false,
            Idempotent = false,
            Example = "remember({ fact: \"ARR is fct.arr_by_account.arr, in USD\", about: [\"demo.fct.arr_by_account\"] })",
        },
        new("recall", "Recall notes",
            "The notes you and your teams wrote down that match a question, best first (all recent ones without a query). Each has an id for forget.",
            [
                AgentToolParameter.String("query", "What you want to know about.", example: "revenue") with { MaxLength = 1_000 },
                AgentToolParameter.Integer("limit", "How many notes at most (1-50, default 10).", 1, 50, 10),
            ],
            RecallAsync)
        {
            Example = "recall({ query: \"revenue\" })",
        },
        new("forget", "Forget a note",
            "Remove a note that is wrong or outdated (yours, or one shared with your team).",
            [AgentToolParameter.String("id", "The note's id, from recall or remember.", required: true, example: "3f2a9c…")],
            ForgetAsync)
        {
            ReadOnly = false,
            Destructive = true,
            Example = "forget({ id: \"<note id>\" })",
        },
    ];

    private async Task<object> RememberAsync(AgentToolCall call)
    {
        var about = call.Arguments.Raw["about"] switch
        {
            null => null,
            JsonArray a when a.All(e => e?.GetValueKind() == JsonValueKind.String) => a.Select(e => e!.GetValue<string>()).ToList(),
            _ => throw CatalogException.BadInput("Argument 'about' must be a list of dataset or column names (strings)."),
        };
        var note = await memory.RememberAsync(call.Arguments.RequiredString("fact"), about, call.Arguments.String("team"), call.Caller, call.CancellationToken);
        return new { remembered = NoteView.From(note) };
    }

    private async Task<object> RecallAsync(AgentToolCall call)
    {
        var notes = (await memory.RecallAsync(call.Arguments.String("query"), call.Caller, sharedOnly: false, call.Arguments.Int("limit") ?? 10, call.CancellationToken))
            .Select(n => NoteView.From(n) with { Fact = AnswerFitter.Clip(n.Fact, 600)! }).ToList();
        object Render(int count) => new RecallAnswer(notes.Take(count).ToList(), count < notes.Count ? true : null, count < notes.Count ? notes.Count - count : null,
            notes.Count == 0 ? "No notes match; remember facts as you learn them." : null);
        return Render(fitter.Largest(notes.Count, Render, call.Budget));
    }

    private async Task<object> ForgetAsync(AgentToolCall call)
    {
        var note = await memory.ForgetAsync(call.Arguments.RequiredString("id"), call.Caller, call.CancellationToken);
        return new { forgotten = note.Id };
    }
}

/// <summary>The answer of <c>recall</c>.</summary>
public sealed record RecallAnswer(IReadOnlyList<NoteView> Notes, bool? Truncated, int? NotesOmitted, string? Hint);
