using System.Text.RegularExpressions;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>Maps Trino's failures onto TownLake's <see cref="QueryError"/>, with positions in the SQL the user wrote.</summary>
internal static partial class TrinoErrors
{
    public static QueryException ToQueryException(TrinoQueryException error, TrinoSqlTranslation translation)
    {
        int? line = null;
        int? column = null;
        var message = error.Message;
        if (error.LineNumber is { } trinoLine && error.ColumnNumber is { } trinoColumn)
        {
            (var originalLine, var originalColumn) = translation.ToOriginalPosition(trinoLine, trinoColumn);
            (line, column) = (originalLine, originalColumn);
            // Trino prefixes messages with "line L:C: " in its own (rewritten) coordinates.
            message = LinePrefix().Replace(message, $"line {originalLine}:{originalColumn}: ", 1);
        }
        return new QueryException(new QueryError(KindOf(error), message, line, column), error);
    }

    public static QueryException Unavailable(TrinoProtocolException error, Uri server) =>
        new(QueryErrorKind.SourceUnavailable, $"Trino at {server} failed: {error.Message}", error);

    public static QueryException TimedOut(TimeSpan timeout, Exception? inner = null) =>
        new(QueryErrorKind.Timeout, $"The query ran longer than its {timeout.TotalSeconds:0.###} s limit and was cancelled in Trino.", inner);

    private static QueryErrorKind KindOf(TrinoQueryException error) => error.ErrorName switch
    {
        "TABLE_NOT_FOUND" or "SCHEMA_NOT_FOUND" or "CATALOG_NOT_FOUND" or "MISSING_CATALOG_NAME" or "MISSING_SCHEMA_NAME"
            => QueryErrorKind.UnknownDataset,
        "EXCEEDED_TIME_LIMIT" => QueryErrorKind.Timeout,
        "USER_CANCELED" => QueryErrorKind.Cancelled,
        "SYNTAX_ERROR" => QueryErrorKind.InvalidSql,
        // Analysis errors (unknown column, type mismatch, ...) are user errors Trino can point at.
        _ when error.IsUserError && error.LineNumber is not null => QueryErrorKind.InvalidSql,
        _ when error.ErrorType == "EXTERNAL" => QueryErrorKind.SourceUnavailable,
        _ => QueryErrorKind.Execution,
    };

    [GeneratedRegex(@"^line \d+:\d+: ")]
    private static partial Regex LinePrefix();
}
