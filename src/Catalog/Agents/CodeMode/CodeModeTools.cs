using TownLake.Catalog.Agents.Budgets;

namespace TownLake.Catalog.Agents.CodeMode;

/// <summary>
/// Code Mode's two tools: <c>search_tools</c> (the catalogue of tools a script can call, with signatures and
/// examples) and <c>execute</c> (run a short JavaScript program that calls them, returning only what it returns).
/// </summary>
public sealed class CodeModeTools(IServiceProvider services, AnswerFitter fitter)
{
    public IReadOnlyList<AgentTool> All =>
    [
        new("search_tools", "Search tools (Code Mode)",
            "The tools a Code Mode script can call, with their signatures and an example each, best match first. Call before execute to see how to call them.",
            [AgentToolParameter.String("query", "What you want to do; leave out to list all.", example: "run sql") with { MaxLength = 500 }],
            SearchToolsAsync)
        {
            Example = "search_tools({ query: \"lineage\" })",
            InCodeMode = false,
        },
        new("execute", "Execute a script (Code Mode)",
            $"Run a short JavaScript program (an async function body) that calls the tools as `await townlake.<tool>({{...}})` and returns only what you need — e.g. search, list fields of the top tables, run a query, compute on the rows — in one round trip. Each tool answer is the same JSON the tool returns; a failed call throws an Error with code and message. No file, network or host access; limits: {CodeModeLimits.Time.TotalSeconds:0} s, {CodeModeLimits.Statements:N0} statements, {CodeModeLimits.MemoryBytes / (1024 * 1024)} MB, {CodeModeLimits.ToolCalls} tool calls. console.log lines come back too.",
            [AgentToolParameter.String("script", "The program: statements of an async function body ending in `return <value>`.", required: true,
                example: "const found = await townlake.search_datasets({ query: \"ARR by account\", limit: 3 });\nreturn found.results.map(r => r.name);") with { MaxLength = CodeModeLimits.ScriptLength }],
            ExecuteAsync)
        {
            ReadOnly = false,
            Idempotent = false,
            InCodeMode = false,
            Example = "execute({ script: \"const r = await townlake.search_datasets({ query: 'zones' }); return r.results[0].name;\" })",
        },
    ];

    private Task<object> SearchToolsAsync(AgentToolCall call)
    {
        var catalog = services.GetRequiredService<AgentToolCatalog>();
        var words = (call.Arguments.String("query") ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ranked = catalog.Tools.Where(t => t.InCodeMode)
            .Select(t => (Tool: t, Score: words.Count(w => (t.Name + " " + t.Description).Contains(w, StringComparison.OrdinalIgnoreCase))))
            .OrderByDescending(s => s.Score)
            .Select(s => new { name = s.Tool.Name, call = $"await townlake.{s.Tool.Signature}", description = s.Tool.Description, example = s.Tool.Example is null ? null : "await townlake." + s.Tool.Example, readOnly = s.Tool.ReadOnly })
            .ToList();
        object Render(int count) => new
        {
            usage = "Inside execute, call a tool as `await townlake.<name>({ ...arguments })`; it returns the tool's JSON answer or throws an Error with .code, .message and .hint.",
            tools = ranked.Take(count).ToList(),
            toolsOmitted = count < ranked.Count ? ranked.Count - count : (int?)null,
        };
        return Task.FromResult(Render(fitter.Largest(ranked.Count, Render, call.Budget)));
    }

    private async Task<object> ExecuteAsync(AgentToolCall call) =>
        await services.GetRequiredService<CodeModeSandbox>().RunAsync(call.Arguments.RequiredString("script"), call, call.CancellationToken);
}
