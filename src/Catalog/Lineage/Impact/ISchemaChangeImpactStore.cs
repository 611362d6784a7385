namespace TownLake.Catalog.Lineage.Impact;

/// <summary>The recorded impacts of schema changes (<c>schema_change_impacts</c>), one per dataset and schema version.</summary>
public interface ISchemaChangeImpactStore
{
    /// <summary>Stores an impact; one already recorded for the same dataset and schema version is replaced.</summary>
    Task SaveSchemaChangeImpactAsync(SchemaChangeImpact impact, CancellationToken cancellationToken);

    /// <summary>A dataset's recorded impacts, newest schema version first, at most <paramref name="first"/>.</summary>
    Task<IReadOnlyList<SchemaChangeImpact>> ListSchemaChangeImpactsAsync(string datasetUrn, int first, CancellationToken cancellationToken);

    /// <summary>The impact recorded for one schema version of a dataset, or null.</summary>
    Task<SchemaChangeImpact?> GetSchemaChangeImpactAsync(string datasetUrn, int schemaVersion, CancellationToken cancellationToken);
}
