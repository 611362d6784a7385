using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Agents;

/// <summary>
/// A dataset described compactly for a language model's context: what it is, who owns it, and its columns with
/// the facts needed to write correct SQL (types, keys, joins, sensitivity) — no timestamps or internal ids.
/// </summary>
public sealed record DatasetCard(
    string Name,
    string Platform,
    string Kind,
    string? Description,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> GlossaryTerms,
    string? Domain,
    string? Deprecated,
    long? RowCount,
    IReadOnlyList<ColumnCard> Columns,
    int? ColumnsOmitted)
{
    /// <summary>Builds a card; with <paramref name="maxColumns"/> the columns listed first (e.g. the matched ones) are kept.</summary>
    public static DatasetCard From(Dataset dataset, int maxColumns = int.MaxValue, IReadOnlyCollection<string>? preferredColumns = null)
    {
        var ordered = preferredColumns is { Count: > 0 }
            ? dataset.Columns.OrderByDescending(c => preferredColumns.Contains(c.Name)).ThenByDescending(c => c.IsPrimaryKey || c.ForeignKey is not null).ThenBy(c => c.Ordinal).ToList()
            : dataset.Columns.OrderByDescending(c => c.IsPrimaryKey || c.ForeignKey is not null).ThenBy(c => c.Ordinal).ToList();
        var kept = ordered.Take(maxColumns).OrderBy(c => c.Ordinal).Select(ColumnCard.From).ToList();
        return new DatasetCard(
            dataset.Name,
            dataset.Platform,
            dataset.Kind.ToString().ToLowerInvariant(),
            dataset.Description,
            dataset.Owners.Select(o => $"{o.Owner} ({o.Type})").ToList(),
            dataset.Tags,
            dataset.GlossaryTerms,
            dataset.Domain,
            dataset.Deprecation is { Deprecated: true } d ? d.Note ?? "deprecated" : null,
            dataset.RowCount,
            kept,
            dataset.Columns.Count > kept.Count ? dataset.Columns.Count - kept.Count : null);
    }
}

/// <summary>One column on a <see cref="DatasetCard"/>.</summary>
public sealed record ColumnCard(string Name, string? Type, string? Description, bool? PrimaryKey, string? References, IReadOnlyList<string>? Tags)
{
    public static ColumnCard From(SchemaField column) => new(
        column.Name,
        column.NativeType,
        column.Description,
        column.IsPrimaryKey ? true : null,
        column.ForeignKey is { } fk ? $"{fk.Dataset}.{fk.Column}" : null,
        column.Tags.Count + column.GlossaryTerms.Count > 0 ? [.. column.Tags, .. column.GlossaryTerms] : null);
}
