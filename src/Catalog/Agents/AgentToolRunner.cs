using System.Diagnostics;
using System.Text.Json.Nodes;
using TownLake.Catalog.Agents.Audit;
using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents;

/// <summary>
/// Runs an agent tool for a caller, the one path every face takes (MCP, JSON, Code Mode): checks the arguments, runs
/// the tool as the caller, holds the answer to its budget, maps a failure to the error contract, and writes the call
/// to the audit trail before answering.
/// </summary>
public sealed class AgentToolRunner(AgentToolCatalog catalog, AnswerFitter fitter, IAgentCallLog log, CatalogErrorMapper errors, TimeProvider clock, ILogger<AgentToolRunner> logger)
{
    /// <summary>Characters of a call's arguments kept in the audit trail (a Code Mode script is shorter than this).</summary>
    public const int MaxAuditedArguments = 100_000;

    public async Task<AgentAnswer> RunAsync(string name, JsonObject? arguments, Caller caller, string via, string? parentId, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var started = Stopwatch.GetTimestamp();
        AgentAnswer answer;
        try
        {
            var tool = catalog.Find(name) ?? throw new CatalogException(ErrorCodes.NotFound, $"There is no agent tool {InputEcho.Quote(name)}.")
            {
                Hint = $"The tools are {string.Join(", ", catalog.Tools.Select(t => t.Name))}.",
            };
            var checkedArguments = AgentArguments.For(tool, arguments);
            var budget = new AgentBudget(checkedArguments.Int("budget") ?? AgentBudget.Default);
            var result = await tool.Run(new AgentToolCall(tool, checkedArguments, caller, budget, id, cancellationToken));
            var text = AgentJson.Write(result);
            var tokens = fitter.CountText(text);
            if (tokens > budget.Usable)
            {
                // Each tool fits its own answer; this is the guarantee should one of them misjudge.
                logger.LogWarning("Agent tool {Tool} answered {Tokens} tokens over a budget of {Budget}; cut generically", name, tokens, budget.Tokens);
                var cut = fitter.FitAny(JsonNode.Parse(text), budget, out _);
                text = AgentJson.Write(new JsonObject { ["truncated"] = true, ["answer"] = cut });
                tokens = fitter.CountText(text);
            }

            answer = new AgentAnswer(text, null, tokens);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            answer = new AgentAnswer(null, errors.Map(ex, clientAborted: false), 0);
        }

        var raw = arguments?.ToJsonString(AgentJson.Options) ?? "{}";
        try
        {
            await log.RecordAsync(new AgentCallRecord(
                id, parentId, caller.UserName, InputEcho.Truncate(name, 100), via,
                raw.Length <= MaxAuditedArguments ? raw : raw[..MaxAuditedArguments],
                answer.Error?.Code ?? "OK", clock.GetUtcNow(), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, answer.Tokens), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Every call is audited, so an answer that cannot be recorded is not given; a failure being reported keeps
            // its own error (a store that is down usually caused both). Either way the caller gets the error contract,
            // never an exception escaping to the face (MCP would answer its generic "An error occurred invoking").
            answer = answer.Error is null ? new AgentAnswer(null, errors.Map(ex, clientAborted: false), 0) : answer;
        }

        return answer;
    }
}
