using TownLake.Engine.Connectors;

namespace TownLake.Engine.Execution;

/// <summary>
/// Picks the engine for a request: the one it names, else the first engine that supports every connection the
/// statement references (read from the request's statement analysis), else the first engine, which then reports the problem.
/// </summary>
internal static class EngineSelector
{
    public static IQueryEngine Select(IReadOnlyList<IQueryEngine> engines, QueryRequest request)
    {
        if (request.Engine is { } name)
        {
            return engines.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new QueryException(QueryErrorKind.InvalidRequest,
                    $"No query engine named '{name}'. Available: {string.Join(", ", engines.Select(e => e.Name))}.");
        }

        if (engines.Count == 1)
        {
            return engines[0];
        }

        var referencedTypes = ReferencedConnectionTypes(request);
        return engines.FirstOrDefault(e => referencedTypes.All(e.Supports)) ?? engines[0];
    }

    private static IReadOnlyCollection<ConnectionType> ReferencedConnectionTypes(QueryRequest request)
    {
        var byName = request.Connections.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        if (request.Analysis is not { Parsed: true } analysis)
        {
            // Unparseable by DuckDB (perhaps another dialect): route by the configured connections instead.
            return request.Connections.Select(c => c.Type).Distinct().ToList();
        }

        return analysis.Datasets
            .Select(d => d.Resolved?.Catalog is { } catalog && byName.TryGetValue(catalog, out var connection) ? connection.Type : (ConnectionType?)null)
            .OfType<ConnectionType>()
            .Distinct()
            .ToList();
    }
}
