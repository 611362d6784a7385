namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// Trino ran the statement and reported it failed (the <c>error</c> member of QueryResults):
/// syntax errors, missing tables, permission denials, resource limits.
/// </summary>
public sealed class TrinoQueryException : Exception
{
    public TrinoQueryException(
        string message, string queryId, string errorName, int errorCode, string errorType, string? sqlState,
        int? lineNumber, int? columnNumber)
        : base(message)
    {
        QueryId = queryId;
        ErrorName = errorName;
        ErrorCode = errorCode;
        ErrorType = errorType;
        SqlState = sqlState;
        LineNumber = lineNumber;
        ColumnNumber = columnNumber;
    }

    /// <summary>Trino's query id, to look the failure up in the Trino UI.</summary>
    public string QueryId { get; }

    /// <summary>e.g. SYNTAX_ERROR, TABLE_NOT_FOUND, PERMISSION_DENIED.</summary>
    public string ErrorName { get; }

    public int ErrorCode { get; }

    /// <summary>USER_ERROR, INTERNAL_ERROR, INSUFFICIENT_RESOURCES or EXTERNAL.</summary>
    public string ErrorType { get; }

    public string? SqlState { get; }

    /// <summary>1-based line of the SQL text where Trino located the error, when it did.</summary>
    public int? LineNumber { get; }

    /// <summary>1-based column of the SQL text where Trino located the error, when it did.</summary>
    public int? ColumnNumber { get; }

    /// <summary>True for errors caused by the statement or its user rather than the cluster.</summary>
    public bool IsUserError => ErrorType == "USER_ERROR";

    internal static TrinoQueryException FromWire(string queryId, ErrorWire error) => new(
        error.Message ?? error.ErrorName ?? "Trino reported a failure without a message.",
        queryId,
        error.ErrorName ?? "UNKNOWN",
        error.ErrorCode,
        error.ErrorType ?? "UNKNOWN",
        error.SqlState,
        error.ErrorLocation?.LineNumber,
        error.ErrorLocation?.ColumnNumber);
}
