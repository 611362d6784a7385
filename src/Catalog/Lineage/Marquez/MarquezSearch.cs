using System.Globalization;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>
/// A Marquez search (<c>GET /api/v1/search</c>): the name pattern, <c>filter</c> (DATASET or JOB), <c>sort</c> (NAME or
/// UPDATE_AT / updated_at), <c>limit</c> (default 10), <c>namespace</c>, and the <c>before</c> / <c>after</c> days.
/// </summary>
public sealed record MarquezSearch(string Query, string? Filter, bool SortByUpdate, int Limit, string? Namespace, DateTimeOffset? Before, DateTimeOffset? After)
{
    public const int MaxQueryLength = 1024;

    /// <summary>Reads the query parameters the way Marquez does, with a 400 naming the first bad one.</summary>
    public static MarquezSearch From(string? q, string? filter, string? sort, string? limit, string? @namespace, string? before, string? after)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            throw CatalogException.BadInput("q is required: the pattern dataset and job names must contain (% matches any characters, _ one).");
        }

        if (q.Length > MaxQueryLength)
        {
            throw CatalogException.BadInput($"q must be at most {MaxQueryLength:N0} characters (got {InputEcho.Quote(q)}).");
        }

        var kind = filter?.Trim().ToUpperInvariant() switch
        {
            null or "" => null,
            "DATASET" => "DATASET",
            "JOB" => "JOB",
            _ => throw CatalogException.BadInput($"filter must be dataset or job (got {InputEcho.Quote(filter)})."),
        };
        var byUpdate = sort?.Trim().ToUpperInvariant() switch
        {
            null or "" or "NAME" => false,
            "UPDATE_AT" or "UPDATED_AT" => true,
            _ => throw CatalogException.BadInput($"sort must be name or updated_at (got {InputEcho.Quote(sort)})."),
        };
        if (@namespace is not null)
        {
            MarquezReadService.CheckName("namespace", @namespace);
        }

        var from = Day("after", after);
        var to = Day("before", before);
        if (from is { } a && to is { } b && a > b)
        {
            throw CatalogException.BadInput("after must not be later than before.");
        }

        return new MarquezSearch(q.Trim(), kind, byUpdate, LineageHttpApi.QueryInt("limit", limit, 10, 0, OpenLineage.LineageEventQuery.MaxLimit), @namespace, to, from);
    }

    /// <summary>A YYYY-MM-DD day as its UTC midnight, or a 400 naming the parameter.</summary>
    private static DateTimeOffset? Day(string name, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
            ? new DateTimeOffset(day, TimeSpan.Zero)
            : throw CatalogException.BadInput($"{name} must be a day as YYYY-MM-DD (got {InputEcho.Quote(text)}).");
}
