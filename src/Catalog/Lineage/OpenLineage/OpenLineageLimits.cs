namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// Limits on one OpenLineage event, under <c>TownLake:Lineage:OpenLineage</c>. Real producers stay far below them (a
/// Spark job's event has a handful of datasets and is about ten levels deep); a larger event is refused naming the limit.
/// </summary>
public sealed class OpenLineageLimits
{
    public const string Section = "TownLake:Lineage:OpenLineage";

    /// <summary>Largest event body in bytes (413 past it).</summary>
    public int MaxEventBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most input datasets in one event.</summary>
    public int MaxInputs { get; set; } = 1_000;

    /// <summary>Most output datasets in one event.</summary>
    public int MaxOutputs { get; set; } = 1_000;

    /// <summary>Deepest JSON nesting of an event, facets included.</summary>
    public int MaxDepth { get; set; } = 48;

    /// <summary>Most entries in any one list of a dataset's facets: schema fields, column-lineage fields and their input fields, symlinks.</summary>
    public int MaxFields { get; set; } = 5_000;

    /// <summary>The message of a list over its limit, naming the setting.</summary>
    public static string Over(string path, int count, int max, string setting) =>
        $"{path} has {count:N0} entries; at most {max:N0} are allowed ({Section}:{setting}).";
}
