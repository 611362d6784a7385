using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;

namespace TownLake.Engine.Sql;

/// <summary>
/// DuckDB's own SQL parser, reached through <c>json_serialize_sql</c> on a private in-memory database.
/// It only parses (no binding), so unknown tables and functions are fine. One connection is shared, and
/// DuckDB connections are not thread-safe, so calls are serialized.
/// </summary>
internal sealed class DuckDbSqlParser : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _parseCount;

    private DuckDbSqlParser(DuckDBConnection connection, IReadOnlySet<string> aggregateFunctions)
    {
        _connection = connection;
        AggregateFunctions = aggregateFunctions;
    }

    /// <summary>Names of every aggregate function DuckDB knows (lower case), read from its catalog.</summary>
    public IReadOnlySet<string> AggregateFunctions { get; }

    /// <summary>How many statements this parser has parsed; lets tests prove a query is parsed once end to end.</summary>
    public long ParseCount => Interlocked.Read(ref _parseCount);

    public static DuckDbSqlParser Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            var aggregates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type = 'aggregate'";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    aggregates.Add(reader.GetString(0));
                }
            }

            return new DuckDbSqlParser(connection, aggregates);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Parses one or more SELECT statements; returns the parse tree or DuckDB's error (message, position).</summary>
    public async Task<ParseOutcome> ParseAsync(string sql, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _parseCount);
        return ToOutcome(await ScalarAsync("SELECT json_serialize_sql(?::VARCHAR)", sql, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The same parse, synchronously: DuckDB parses in-process without I/O, so callers on a synchronous path
    /// (starting a query run) need not block on a task.
    /// </summary>
    public ParseOutcome Parse(string sql)
    {
        Interlocked.Increment(ref _parseCount);
        _gate.Wait();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT json_serialize_sql(?::VARCHAR)";
            command.Parameters.Add(new DuckDBParameter(sql));
            return ToOutcome(command.ExecuteScalar() as string ?? throw new InvalidOperationException("json_serialize_sql returned no text."));
        }
        finally
        {
            _gate.Release();
        }
    }

    private static ParseOutcome ToOutcome(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject
            ?? throw new InvalidOperationException("json_serialize_sql returned no object.");
        if (root["error"]?.GetValue<bool>() == true)
        {
            var message = root["error_message"]?.GetValue<string>() ?? "DuckDB could not parse the statement.";
            int? position = int.TryParse(root["position"]?.GetValue<string>(), out var p) ? p : null;
            var errorType = root["error_type"]?.GetValue<string>();
            return new ParseOutcome(null, message, position, errorType == "parser")
            {
                IsNotSelect = errorType == "not implemented" && message.Contains("Only SELECT", StringComparison.Ordinal),
            };
        }

        return new ParseOutcome(root["statements"] as JsonArray, null, null, false);
    }

    /// <summary>Turns one parsed expression back into SQL text (via <c>json_deserialize_sql</c>).</summary>
    public async Task<string?> RenderExpressionAsync(JsonNode expression, CancellationToken cancellationToken)
    {
        var select = new JsonObject
        {
            ["error"] = false,
            ["statements"] = new JsonArray(new JsonObject
            {
                ["node"] = new JsonObject
                {
                    ["type"] = "SELECT_NODE",
                    ["modifiers"] = new JsonArray(),
                    ["cte_map"] = new JsonObject { ["map"] = new JsonArray() },
                    ["select_list"] = new JsonArray(WithoutAlias(expression)),
                    ["from_table"] = new JsonObject { ["type"] = "EMPTY", ["alias"] = "", ["sample"] = null, ["query_location"] = 0 },
                    ["where_clause"] = null,
                    ["group_expressions"] = new JsonArray(),
                    ["group_sets"] = new JsonArray(),
                    ["aggregate_handling"] = "STANDARD_HANDLING",
                    ["having"] = null,
                    ["sample"] = null,
                    ["qualify"] = null,
                },
                ["named_param_map"] = new JsonArray(),
            }),
        };
        try
        {
            var text = await ScalarAsync("SELECT json_deserialize_sql(?::JSON)", select.ToJsonString(), cancellationToken).ConfigureAwait(false);
            return text.StartsWith("SELECT ", StringComparison.Ordinal) ? Unwrap(text["SELECT ".Length..].Trim()) : null;
        }
        catch (DuckDBException)
        {
            return null; // rendering is a nicety; lineage does not depend on it
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    private static JsonNode WithoutAlias(JsonNode expression)
    {
        var copy = expression.DeepClone();
        if (copy is JsonObject obj)
        {
            obj["alias"] = "";
        }

        return copy;
    }

    private static string Unwrap(string text)
    {
        // DuckDB parenthesizes every operator; drop one outer pair when it encloses the whole text.
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')')
        {
            return text;
        }

        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0 && i < text.Length - 1)
            {
                return text;
            }
        }

        return text[1..^1];
    }

    private async Task<string> ScalarAsync(string commandText, string argument, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = commandText;
            command.Parameters.Add(new DuckDBParameter(argument));
            var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return result as string ?? throw new InvalidOperationException($"DuckDB returned no text for {commandText}.");
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>
/// The result of one parse: statements, or an error message with a position in the parsed text.
/// <see cref="IsSyntaxError"/> tells a malformed statement from a valid one that is simply not a SELECT.
/// </summary>
internal sealed record ParseOutcome(JsonArray? Statements, string? Error, int? ErrorPosition, bool IsSyntaxError)
{
    /// <summary>DuckDB parsed the text but it is not a SELECT (json_serialize_sql serializes only SELECT statements).</summary>
    public bool IsNotSelect { get; init; }
}
