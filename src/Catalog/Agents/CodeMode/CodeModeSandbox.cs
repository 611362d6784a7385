using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Jint.Runtime.Interop;
using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Agents.CodeMode;

/// <summary>
/// Runs Code Mode scripts in Jint, a JavaScript interpreter with no access to .NET unless given: the script sees the
/// standard library, <c>console.log</c> and <c>townlake.&lt;tool&gt;</c> — every tool call going through
/// <see cref="AgentToolRunner"/> as the caller, audited under the <c>execute</c> call that holds the script — and
/// nothing else (no <c>require</c>, <c>fetch</c>, <c>eval</c> of strings, or CLR types). Time, statements, memory,
/// recursion, tool calls and array and string sizes are bounded (<see cref="CodeModeLimits"/>); a script that breaks a
/// limit is stopped with an error saying which, and the service carries on.
/// </summary>
public sealed class CodeModeSandbox(AgentToolRunner runner, AgentToolCatalog catalog, AnswerFitter fitter, ILogger<CodeModeSandbox> logger) : IDisposable
{
    // Checked versions of the few built-ins that can build a huge string in one call, before the memory limit (checked
    // between statements) could see it. The originals stay in this closure, out of the script's reach.
    private const string Prelude = """
        (() => {
          const max = __maxString;
          const guard = (name, original, size) => function (...args) {
            const length = size(this, args);
            if (length > max) throw new RangeError(`${name} would build a string of ${length} characters; Code Mode allows ${max}.`);
            return original.apply(this, args);
          };
          const define = (target, name, fn) => Object.defineProperty(target, name, { value: fn, writable: false, configurable: false });
          define(String.prototype, 'repeat', guard('repeat', String.prototype.repeat, (s, a) => String(s).length * Number(a[0] ?? 0)));
          define(String.prototype, 'padStart', guard('padStart', String.prototype.padStart, (s, a) => Number(a[0] ?? 0)));
          define(String.prototype, 'padEnd', guard('padEnd', String.prototype.padEnd, (s, a) => Number(a[0] ?? 0)));
          define(Array.prototype, 'join', guard('join', Array.prototype.join, (s, a) => {
            let n = 0; const sep = a[0] === undefined ? 1 : String(a[0]).length;
            for (let i = 0; i < s.length && n <= max; i++) { const v = s[i]; n += (v === undefined || v === null ? 0 : String(v).length) + sep; }
            return n;
          }));
        })();
        """;

    private readonly SemaphoreSlim _slots = new(CodeModeLimits.Concurrent, CodeModeLimits.Concurrent);

    public async Task<object> RunAsync(string script, AgentToolCall call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CodeModeLimits.Time);
        if (!await _slots.WaitAsync(CodeModeLimits.Time, cancellationToken))
        {
            throw new CatalogException(ErrorCodes.TooManyRequests, "Code Mode is busy running other scripts.") { Hint = "Try again in a few seconds." };
        }

        try
        {
            // The script runs on its own thread-pool thread, synchronously: Jint's memory limit counts the bytes that
            // thread allocates, so tool calls block it rather than hopping threads.
            return await Task.Run(() => Run(script, call, deadline.Token), CancellationToken.None);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    private object Run(string script, AgentToolCall call, CancellationToken deadline)
    {
        var logs = new List<string>();
        var calls = 0;
        using var engine = new Jint.Engine(options =>
        {
            options.LimitMemory(CodeModeLimits.MemoryBytes);
            options.TimeoutInterval(CodeModeLimits.Time);
            options.MaxStatements(CodeModeLimits.Statements);
            options.LimitRecursion(CodeModeLimits.Recursion);
            options.CancellationToken(deadline);
            options.DisableStringCompilation();
            options.Constraints.MaxArraySize = CodeModeLimits.ArrayLength;
            options.Strict();
        });

        var townlake = new JsObject(engine);
        foreach (var tool in catalog.Tools.Where(t => t.InCodeMode))
        {
            townlake.Set(tool.Name, new ClrFunction(engine, tool.Name, (_, arguments) =>
            {
                if (++calls > CodeModeLimits.ToolCalls)
                {
                    throw ScriptError(engine, $"A script may call at most {CodeModeLimits.ToolCalls} tools.", "SCRIPT_LIMIT_EXCEEDED", null);
                }

                var input = arguments.Length == 0 || arguments[0].IsUndefined() || arguments[0].IsNull()
                    ? new JsonObject()
                    : arguments[0].IsObject() && !arguments[0].IsArray()
                        ? JsonNode.Parse(new JsonSerializer(engine).Serialize(arguments[0]).AsString()) as JsonObject ?? []
                        : throw ScriptError(engine, $"townlake.{tool.Name} takes one object of arguments.", ErrorCodes.BadUserInput, $"e.g. await townlake.{tool.Example}");
                var answer = runner.RunAsync(tool.Name, input, call.Caller, "code", call.CallId, deadline).GetAwaiter().GetResult();
                if (answer.Error is { } error)
                {
                    throw ScriptError(engine, error.Message, error.Code, error.Hint);
                }

                return new JsonParser(engine).Parse(answer.Json!);
            }));
        }

        var console = new JsObject(engine);
        console.Set("log", new ClrFunction(engine, "log", (_, arguments) =>
        {
            if (logs.Count < CodeModeLimits.LogLines)
            {
                logs.Add(AnswerFitter.Clip(string.Join(' ', arguments.Select(a => a.IsString() ? a.AsString() : new JsonSerializer(engine).Serialize(a).ToString())), 500)!);
            }

            return JsValue.Undefined;
        }));
        engine.SetValue("townlake", townlake);
        engine.SetValue("console", console);
        engine.SetValue("__maxString", CodeModeLimits.StringLength);

        try
        {
            engine.Execute(Prelude);
            engine.Execute("delete globalThis.__maxString;");
            var result = engine.Evaluate("(async () => {\n" + script + "\n})()").UnwrapIfPromise(CodeModeLimits.Time);
            var json = result.IsUndefined() ? "null" : new JsonSerializer(engine).Serialize(result).ToString();
            var fitted = fitter.FitAny(JsonNode.Parse(json == "undefined" ? "null" : json), new AgentBudget(call.Budget.Tokens - Math.Min(call.Budget.Tokens / 4, 200)), out var truncated);
            return new ExecuteAnswer(fitted, calls, logs.Count > 0 ? logs.Take(10).ToList() : null, truncated ? true : null);
        }
        catch (Exception ex) when (Stopped(ex, deadline) is { } reason)
        {
            logger.LogInformation("Code Mode script of {User} stopped: {Reason}", call.Caller.UserName, reason.Message);
            throw reason;
        }
    }

    /// <summary>A JavaScript Error with <c>code</c> and <c>hint</c>, which the script can catch.</summary>
    private static JavaScriptException ScriptError(Jint.Engine engine, string message, string code, string? hint)
    {
        var error = engine.Intrinsics.Error.Construct(message);
        error.Set("code", code);
        if (hint is not null)
        {
            error.Set("hint", hint);
        }

        return new JavaScriptException(error);
    }

    /// <summary>Why the script was stopped, as an error for the agent; null for exceptions that are ours (they propagate).</summary>
    private static CatalogException? Stopped(Exception ex, CancellationToken deadline)
    {
        const string Code = ErrorCodes.ScriptFailed;
        return ex switch
        {
            MemoryLimitExceededException => Limit($"it allocated more than {CodeModeLimits.MemoryBytes / (1024 * 1024)} MB"),
            StatementsCountOverflowException => Limit($"it ran more than {CodeModeLimits.Statements:N0} statements"),
            RecursionDepthOverflowException => Limit($"it nested calls deeper than {CodeModeLimits.Recursion}"),
            TimeoutException or ExecutionCanceledException or OperationCanceledException when deadline.IsCancellationRequested || ex is TimeoutException => Limit($"it ran longer than {CodeModeLimits.Time.TotalSeconds:0} s"),
            PromiseRejectedException rejected => new CatalogException(Code, $"The script failed: {Describe(rejected.RejectedValue)}") { Hint = HintFor(rejected.RejectedValue) },
            JavaScriptException js => new CatalogException(Code, $"The script failed: {Describe(js.Error)}{At(js)}") { Hint = HintFor(js.Error) },
            JintException or Acornima.ParseErrorException => new CatalogException(Code, $"The script failed: {ex.Message}") { Hint = "Fix the script; search_tools shows how to call each tool." },
            _ => null,
        };

        static CatalogException Limit(string what) => new(ErrorCodes.ScriptLimitExceeded, $"The script was stopped: {what} (Code Mode limit).")
        {
            Hint = "Do less per script: fewer rows (aggregate in SQL), fewer tool calls, no unbounded loops.",
        };
    }

    private static string Describe(JsValue error)
    {
        if (error is JsObject o && o.Get("message") is { } message && message.IsString())
        {
            var code = o.Get("code");
            return (code.IsString() ? code.AsString() + ": " : "") + message.AsString();
        }

        return error.ToString();
    }

    private static string? HintFor(JsValue error)
    {
        if (error is JsObject o && o.Get("hint") is { } hint && hint.IsString())
        {
            return hint.AsString();
        }

        var text = error.ToString();
        return text.Contains("is not defined", StringComparison.Ordinal)
            ? "Only the JavaScript standard library, console.log and townlake.<tool> exist here: no require, fetch, process or host objects."
            : "Fix the script; search_tools shows how to call each tool.";
    }

    private static string At(JavaScriptException js) => js.Location.Start.Line > 1 ? $" (script line {js.Location.Start.Line - 1})" : "";
}

/// <summary>The answer of <c>execute</c>: what the script returned (cut to the budget), how many tools it called, its log.</summary>
public sealed record ExecuteAnswer(JsonNode? Result, int ToolCalls, IReadOnlyList<string>? Log, bool? Truncated);
