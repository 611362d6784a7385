using TownLake.Engine.Connectors;
using TownLake.Engine.Query;
using TownLake.Engine.Trino;

namespace TownLake.Catalog.Queries;

/// <summary>
/// The Trino engine, run as the calling user so Trino's own access control applies. The Engine's <c>QueryRequest</c>
/// carries no user, so the user travels in an async-local scope opened around <c>QueryRunner.Start</c>, whose
/// execution task inherits it. (Replace with a user field on <c>QueryRequest</c> when the Engine has one.)
/// </summary>
public sealed class CallerTrinoEngine(TrinoQueryEngine inner) : IQueryEngine
{
    private readonly AsyncLocal<string?> _user = new();

    public string Name => inner.Name;

    public bool Supports(ConnectionType type) => inner.Supports(type);

    public Task<IQueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken) =>
        inner.ExecuteAsync(request, _user.Value, cancellationToken);

    /// <summary>Queries started inside the returned scope run as <paramref name="user"/>.</summary>
    public IDisposable RunAs(string user)
    {
        var previous = _user.Value;
        _user.Value = user;
        return new Scope(this, previous);
    }

    private sealed class Scope(CallerTrinoEngine engine, string? previous) : IDisposable
    {
        public void Dispose() => engine._user.Value = previous;
    }
}
