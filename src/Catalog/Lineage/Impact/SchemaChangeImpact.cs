namespace TownLake.Catalog.Lineage.Impact;

/// <summary>
/// What one schema change of a dataset reaches downstream: the breaking column changes, every downstream column that
/// reads a changed column (directly or through others), and the jobs that compute those columns. Recorded when the
/// change is ingested and kept with the dataset's history entry for that schema version.
/// </summary>
public sealed record SchemaChangeImpact
{
    public required string DatasetUrn { get; init; }

    /// <summary>The schema version the change produced (the history entry's <c>schemaVersion</c>).</summary>
    public required int SchemaVersion { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    public required IReadOnlyList<SchemaColumnChange> Changes { get; init; }

    /// <summary>Downstream columns that read a changed column, nearest first.</summary>
    public required IReadOnlyList<ImpactedColumn> Columns { get; init; }

    /// <summary>URNs of the jobs that compute the impacted columns from the changed ones.</summary>
    public required IReadOnlyList<string> Jobs { get; init; }

    /// <summary>True when the walk stopped at its node cap, so more may be affected.</summary>
    public bool Truncated { get; init; }
}

/// <summary>A downstream column that reads <see cref="Source"/> (a changed column), <see cref="Depth"/> steps away.</summary>
public sealed record ImpactedColumn(string DatasetUrn, string Column, int Depth, string Source);
