using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Documentation;

/// <summary>
/// A documentation page (a how-to, a data contract, a metric definition) written in Markdown and linked to the
/// datasets it explains; search finds it beside the datasets themselves.
/// </summary>
public sealed record Document : ICatalogEntity
{
    public required string Urn { get; init; }

    /// <summary>The page's title, unique by its slug.</summary>
    public required string Name { get; init; }

    public EntityType Type => EntityType.Document;
    public string Body { get; init; } = "";
    public IReadOnlyList<string> RelatedDatasets { get; init; } = [];
    public bool Removed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("content", new { Name, Body });
        yield return new("relatedDatasets", RelatedDatasets);
        yield return new("status", new { Removed });
    }

    /// <summary>The URL-safe key of a title: lower case, words joined by dashes.</summary>
    public static string SlugOf(string title)
    {
        var slug = new string(title.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-');
    }
}
