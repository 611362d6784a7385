namespace TownLake.Catalog.QueryFront;

/// <summary>
/// Why a recorded query failed. The catalog's own copy of the engine's error kinds (mapped in
/// <see cref="EngineQueryOutcome"/>), plus the refusals the catalog makes itself. Stored by member name
/// (<c>InvalidSql</c>): renaming a member needs a migration.
/// </summary>
public enum QueryFailureKind
{
    /// <summary>The statement does not parse or bind (see <see cref="QueryRecordError.Line"/>/<see cref="QueryRecordError.Column"/>).</summary>
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

    /// <summary>The caller already has as many queries running and queued as one user may.</summary>
    QuotaExceeded,

    /// <summary>The statement calls a function outside the allow-list (a file reader, a nested query, server internals).</summary>
    FunctionNotAllowed,

    /// <summary>Governance refused the statement: a dataset is not approved or not granted, or a named column is pending review.</summary>
    AccessDenied,
}
