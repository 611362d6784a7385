namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// An OpenLineage run event after validation: what TownLake reads of it. Producers leave out a lot in practice (test
/// fixtures have no run id or event time); <see cref="Warnings"/> says what was filled in.
/// </summary>
public sealed record OpenLineageEvent(
    string EventType,
    DateTimeOffset EventTime,
    string RunId,
    OpenLineageJob Job,
    IReadOnlyList<OpenLineageDataset> Inputs,
    IReadOnlyList<OpenLineageDataset> Outputs,
    IReadOnlyList<string> Warnings);

/// <summary>The job of an event, with its <c>sql</c> and <c>documentation</c> facets.</summary>
public sealed record OpenLineageJob(string Namespace, string Name, string? Sql, string? SqlDialect, string? Description);

/// <summary>An input or output dataset with the facets TownLake uses.</summary>
public sealed record OpenLineageDataset(
    string Namespace,
    string Name,
    IReadOnlyList<OpenLineageField>? Schema,
    IReadOnlyList<OpenLineageSymlink> Symlinks,
    OpenLineageColumnLineage? ColumnLineage,
    string? Description)
{
    /// <summary>The table identity the producer gave besides the physical location (Spark: the metastore table).</summary>
    public OpenLineageSymlink? TableSymlink => Symlinks.FirstOrDefault(s => string.Equals(s.Type, "TABLE", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A field of a <c>schema</c> facet.</summary>
public sealed record OpenLineageField(string Name, string? Type, string? Description);

/// <summary>An identifier of a <c>symlinks</c> facet.</summary>
public sealed record OpenLineageSymlink(string Namespace, string Name, string? Type);

/// <summary>A <c>columnLineage</c> facet: per output field its input fields, plus inputs that shape every row.</summary>
public sealed record OpenLineageColumnLineage(IReadOnlyList<OpenLineageOutputField> Fields, IReadOnlyList<OpenLineageInputField> Dataset);

/// <summary>One output field of a <c>columnLineage</c> facet.</summary>
public sealed record OpenLineageOutputField(string Name, IReadOnlyList<OpenLineageInputField> InputFields);

/// <summary>An input field with its transformations, spelled <c>TYPE/SUBTYPE</c>.</summary>
public sealed record OpenLineageInputField(string Namespace, string Name, string Field, IReadOnlyList<string> Transformations, string? Description);
