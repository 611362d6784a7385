using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>Marquez's paging: <c>limit</c> (default 100, 0 to 1,000 here) results after skipping <c>offset</c> (0 or more).</summary>
public sealed record MarquezPage(int Limit, int Offset)
{
    public const int DefaultLimit = 100;

    /// <summary>The page the query parameters ask for, or a 400 naming the bad one.</summary>
    public static MarquezPage From(string? limit, string? offset, int defaultLimit = DefaultLimit) => new(
        LineageHttpApi.QueryInt("limit", limit, defaultLimit, 0, LineageEventQuery.MaxLimit),
        LineageHttpApi.QueryInt("offset", offset, 0, 0, int.MaxValue));

    public IEnumerable<T> Of<T>(IEnumerable<T> items) => items.Skip(Offset).Take(Limit);
}
