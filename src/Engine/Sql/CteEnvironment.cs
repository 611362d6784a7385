namespace TownLake.Engine.Sql;

/// <summary>The CTEs visible at one point of a query, innermost last.</summary>
internal sealed record CteEnvironment(IReadOnlyDictionary<string, BoundQuery> Ctes)
{
    public static CteEnvironment Empty { get; } = new(new Dictionary<string, BoundQuery>(StringComparer.OrdinalIgnoreCase));

    public CteEnvironment With(string name, BoundQuery query) =>
        new(new Dictionary<string, BoundQuery>(Ctes, StringComparer.OrdinalIgnoreCase) { [name] = query });
}
