namespace TownLake.Engine.Execution;

/// <summary>Bounds on one query run.</summary>
/// <param name="MaxRows">Rows kept at most; reading stops there and the result is marked truncated.</param>
/// <param name="Timeout">Wall-clock limit from the start of execution; past it the engine is interrupted and the run fails with <see cref="QueryErrorKind.Timeout"/>.</param>
public sealed record QueryLimits(int MaxRows, TimeSpan Timeout)
{
    /// <summary>100,000 rows and 60 seconds.</summary>
    public static QueryLimits Default { get; } = new(100_000, TimeSpan.FromSeconds(60));
}
