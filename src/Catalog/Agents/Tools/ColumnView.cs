using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>A column as agents see it: type, description, keys, tags and terms — only what is set.</summary>
public sealed record ColumnView(string Name, string? Type, string? Description, string? Key, IReadOnlyList<string>? Tags, IReadOnlyList<string>? Terms, bool? Nullable = null)
{
    public static ColumnView From(SchemaField column, int maxDescription, bool withLabels = true) => new(
        column.Name,
        column.NativeType,
        AnswerFitter.Clip(column.Description, maxDescription),
        column.IsPrimaryKey ? "primary key" : column.ForeignKey is { } fk ? $"references {fk.Dataset}.{fk.Column}" : null,
        withLabels && column.Tags.Count > 0 ? column.Tags : null,
        withLabels && column.GlossaryTerms.Count > 0 ? column.GlossaryTerms : null);

    /// <summary>Columns in the order an agent needs them: the preferred (matched) ones, then keys, then the table's order.</summary>
    public static IEnumerable<SchemaField> Ranked(Dataset dataset, IReadOnlySet<string>? preferred = null) =>
        dataset.Columns
            .OrderByDescending(c => preferred?.Contains(c.Name) ?? false)
            .ThenByDescending(c => c.IsPrimaryKey || c.ForeignKey is not null)
            .ThenBy(c => c.Ordinal);
}
