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
    IReadOnlyList<string> Warnings)
{
    /// <summary>What the event's run facets say (nominal times, parent, error) and the facets themselves.</summary>
    public OpenLineageRunFacets Run { get; init; } = new();

    /// <summary>A JobEvent (no run and no event type): it describes the job and its datasets, and makes no run.</summary>
    public bool IsJobEvent { get; init; }
}

/// <summary>The run facets TownLake reads: <c>nominalTime</c>, <c>parent</c>, <c>errorMessage</c>; all of them as JSON.</summary>
public sealed record OpenLineageRunFacets
{
    public DateTimeOffset? NominalStartTime { get; init; }
    public DateTimeOffset? NominalEndTime { get; init; }
    public string? ParentJobNamespace { get; init; }
    public string? ParentJobName { get; init; }
    public string? ParentRunId { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ErrorLanguage { get; init; }
    public string? StackTrace { get; init; }

    /// <summary>Every run facet as sent (compact JSON object).</summary>
    public string Json { get; init; } = "{}";
}

/// <summary>The job of an event, with its <c>sql</c>, <c>documentation</c>, <c>sourceCodeLocation</c>, <c>ownership</c> and <c>jobType</c> facets.</summary>
public sealed record OpenLineageJob(string Namespace, string Name, string? Sql, string? SqlDialect, string? Description)
{
    public string? Location { get; init; }
    public IReadOnlyList<string> Owners { get; init; } = [];
    public string? ProcessingType { get; init; }
    public string? Integration { get; init; }
}

/// <summary>An input or output dataset with the facets TownLake uses.</summary>
public sealed record OpenLineageDataset(
    string Namespace,
    string Name,
    IReadOnlyList<OpenLineageField>? Schema,
    IReadOnlyList<OpenLineageSymlink> Symlinks,
    OpenLineageColumnLineage? ColumnLineage,
    string? Description)
{
    /// <summary>The producer's version of the dataset (<c>version</c> dataset facet), when given.</summary>
    public string? Version { get; init; }

    /// <summary>The <c>lifecycleStateChange</c> facet's state (CREATE, OVERWRITE, DROP, …), when given.</summary>
    public string? LifecycleStateChange { get; init; }

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
