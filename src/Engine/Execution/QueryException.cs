namespace TownLake.Engine.Execution;

/// <summary>A query could not run or failed; <see cref="Error"/> says why and where.</summary>
public sealed class QueryException : Exception
{
    public QueryException(QueryError error, Exception? innerException = null)
        : base(error.Message, innerException)
    {
        Error = error;
    }

    public QueryException(QueryErrorKind kind, string message, Exception? innerException = null)
        : this(new QueryError(kind, message), innerException)
    {
    }

    /// <summary>The failure as a record.</summary>
    public QueryError Error { get; }
}
