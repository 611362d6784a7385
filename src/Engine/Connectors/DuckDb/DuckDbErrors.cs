using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Turns DuckDB's error messages (<c>Binder Error: … LINE 3:   a = = 1 / caret</c>) into <see cref="QueryError"/>s
/// with a kind and the 1-based line/column the caret points at.
/// </summary>
internal static partial class DuckDbErrors
{
    public static QueryException ToQueryException(DuckDBException exception)
    {
        var (message, line, column) = Split(ServerPaths.Scrub(exception.Message));
        var kind = KindOf(message);
        if (message.StartsWith("Out of Memory Error", StringComparison.Ordinal))
        {
            // DuckDB's advice that follows (SET memory_limit, SET threads) is for its own shell: a query here cannot change settings.
            var advice = message.IndexOf("\n\nPossible solutions", StringComparison.Ordinal);
            message = (advice < 0 ? message : message[..advice]).TrimEnd()
                + " The query needs more memory than its per-query memory limit and could not spill it to disk; aggregate or filter earlier, or ask an administrator to raise the limit.";
        }

        if (kind == QueryErrorKind.InvalidSql && line is not null)
        {
            message = $"{message} (line {line}, column {column})";
        }

        return new QueryException(new QueryError(kind, message, line, column), exception);
    }

    /// <summary>Separates the message from the <c>LINE n:</c> excerpt and caret, returning the caret's position.</summary>
    public static (string Message, int? Line, int? Column) Split(string raw)
    {
        var match = LinePattern().Match(raw);
        if (!match.Success)
        {
            return (raw.Trim(), null, null);
        }

        var line = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var prefixLength = match.Groups["prefix"].Length;
        var caretLine = match.Groups["caret"].Value;
        var caret = caretLine.IndexOf('^', StringComparison.Ordinal);
        var excerpt = match.Groups["text"].Value;
        int? column = caret < 0 ? null : caret - prefixLength + 1;
        // DuckDB elides long lines with "..." at the front, which shifts the caret; drop the column then.
        if (excerpt.StartsWith("...", StringComparison.Ordinal))
        {
            column = null;
        }

        var message = raw[..match.Index].Trim();
        return (message, line, column);
    }

    private static QueryErrorKind KindOf(string message)
    {
        if (message.StartsWith("Parser Error", StringComparison.Ordinal)
            || message.StartsWith("Binder Error", StringComparison.Ordinal)
            || message.StartsWith("Catalog Error", StringComparison.Ordinal)
            || message.StartsWith("Syntax Error", StringComparison.Ordinal))
        {
            return message.Contains("Table with name", StringComparison.Ordinal) || message.Contains("does not exist", StringComparison.Ordinal) && message.Contains("Catalog", StringComparison.Ordinal)
                ? QueryErrorKind.UnknownDataset
                : QueryErrorKind.InvalidSql;
        }

        if (message.StartsWith("IO Error", StringComparison.Ordinal) || message.StartsWith("Permission Error", StringComparison.Ordinal))
        {
            return QueryErrorKind.SourceUnavailable;
        }

        return QueryErrorKind.Execution;
    }

    [GeneratedRegex(@"\n\s*(?<prefix>LINE (?<line>\d+): )(?<text>[^\n]*)\n(?<caret>[ ]*\^)", RegexOptions.CultureInvariant)]
    private static partial Regex LinePattern();
}
