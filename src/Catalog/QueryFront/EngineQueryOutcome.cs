using TownLake.Engine.Execution;

namespace TownLake.Catalog.QueryFront;

/// <summary>
/// Turns the engine's run states and errors into the catalog's own (<see cref="QueryRunState"/>,
/// <see cref="QueryFailureKind"/>): the one place that knows both, so the audit records never hold engine types.
/// </summary>
public static class EngineQueryOutcome
{
    public static QueryRunState ToRunState(this QueryState state) => state switch
    {
        QueryState.Queued => QueryRunState.Queued,
        QueryState.Running => QueryRunState.Running,
        QueryState.Succeeded => QueryRunState.Succeeded,
        QueryState.Failed => QueryRunState.Failed,
        QueryState.Cancelled => QueryRunState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "The engine reported a run state the catalog does not know."),
    };

    public static QueryFailureKind ToFailureKind(this QueryErrorKind kind) => kind switch
    {
        QueryErrorKind.InvalidSql => QueryFailureKind.InvalidSql,
        QueryErrorKind.UnknownDataset => QueryFailureKind.UnknownDataset,
        QueryErrorKind.NotReadOnly => QueryFailureKind.NotReadOnly,
        QueryErrorKind.Timeout => QueryFailureKind.Timeout,
        QueryErrorKind.Cancelled => QueryFailureKind.Cancelled,
        QueryErrorKind.SourceUnavailable => QueryFailureKind.SourceUnavailable,
        QueryErrorKind.Execution => QueryFailureKind.Execution,
        QueryErrorKind.InvalidRequest => QueryFailureKind.InvalidRequest,
        QueryErrorKind.QuotaExceeded => QueryFailureKind.QuotaExceeded,
        QueryErrorKind.FunctionNotAllowed => QueryFailureKind.FunctionNotAllowed,
        QueryErrorKind.AccessDenied => QueryFailureKind.AccessDenied,
        // An error kind added to the engine later is still a failure while executing, not a crash of the audit.
        _ => QueryFailureKind.Execution,
    };

    public static QueryTruncation ToTruncation(this TruncationReason reason) => reason switch
    {
        TruncationReason.ByteBudget => QueryTruncation.ByteBudget,
        _ => QueryTruncation.RowCap,
    };

    /// <summary>The engine's error as the catalog records it.</summary>
    public static QueryRecordError ToRecordError(this QueryError error) =>
        new(error.Kind.ToFailureKind(), error.Message, error.Line, error.Column);
}
