namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// How start-up stands with an unreachable catalog store: the failed attempts so far, the last reason and when the
/// next attempt runs. Readiness reports it, so an operator sees why a replica that is live is not ready.
/// </summary>
public sealed class StoreStartupStatus
{
    private readonly Lock _gate = new();
    private (int Failures, string? Reason, DateTimeOffset NextAttempt) _state;

    /// <summary>Failed attempts to reach the store at start-up, the last reason, and the next attempt (zero failures: none failed).</summary>
    public (int Failures, string? Reason, DateTimeOffset NextAttempt) State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Records a failed attempt and when the next one runs.</summary>
    public void Failed(string reason, DateTimeOffset nextAttempt)
    {
        lock (_gate)
        {
            _state = (_state.Failures + 1, reason, nextAttempt);
        }
    }
}
