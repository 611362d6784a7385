namespace TownLake.Engine.Execution;

/// <summary>Why a query failed, so callers can map it (e.g. to a GraphQL error code) without reading messages.</summary>
public enum QueryErrorKind
{
    /// <summary>The statement does not parse or bind (see <see cref="QueryError.Line"/>/<see cref="QueryError.Column"/>).</summary>
    InvalidSql,

    /// <summary>The statement names a dataset no connection provides.</summary>
    UnknownDataset,

    /// <summary>The statement would change data or schema; only reads are allowed.</summary>
    NotReadOnly,

    /// <summary>The run exceeded its timeout and was interrupted.</summary>
    Timeout,

    /// <summary>The run was cancelled by its caller.</summary>
    Cancelled,

    /// <summary>A source (PostgreSQL server, file, Trino) could not be reached or read.</summary>
    SourceUnavailable,

    /// <summary>The engine failed while executing (division by zero, conversion error…).</summary>
    Execution,

    /// <summary>The request itself is unusable (empty SQL, no engine for these connections…).</summary>
    InvalidRequest,

    /// <summary>The caller already has as many queries queued or running as one user may (see <see cref="QueryRunnerOptions.MaxQueuedQueriesPerUser"/>); retry later.</summary>
    QuotaExceeded,

    /// <summary>The statement calls a table function that is not on <see cref="TableFunctionPolicy"/>'s allow-list.</summary>
    FunctionNotAllowed,

    /// <summary>The caller may not read a dataset the statement names (not approved, no grant), or a column it names is hidden.</summary>
    AccessDenied,
}
