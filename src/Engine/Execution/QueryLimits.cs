namespace TownLake.Engine.Execution;

/// <summary>Bounds on one query run.</summary>
/// <param name="MaxRows">Rows kept at most; reading stops there and the result is marked truncated.</param>
/// <param name="Timeout">Wall-clock limit from the start of execution; past it the engine is interrupted and the run fails with <see cref="QueryErrorKind.Timeout"/>.</param>
/// <param name="MaxResultBytes">Estimated bytes of rows held in memory at most; reading stops there and the result is marked truncated (<see cref="TruncationReason.ByteBudget"/>).</param>
public sealed record QueryLimits(int MaxRows, TimeSpan Timeout, long MaxResultBytes = QueryLimits.DefaultMaxResultBytes)
{
    /// <summary>64 MiB: a typical 100,000-row result of a dozen columns fits; a row cap of wide text values does not.</summary>
    public const long DefaultMaxResultBytes = 64L * 1024 * 1024;

    /// <summary>100,000 rows, 60 seconds and 64 MiB.</summary>
    public static QueryLimits Default { get; } = new(100_000, TimeSpan.FromSeconds(60));
}
