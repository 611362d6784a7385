namespace TownLake.Catalog.Tests.Stores;

/// <summary>A clock that stands still until a test moves it, so "recently updated" orders are decided by the test.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
