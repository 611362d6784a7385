namespace TownLake.Catalog.Stores;

/// <summary>
/// Data migrations: work a schema migration leaves to the service because it needs the service's own logic (naming,
/// ingestion). A schema migration registers one as pending; the service runs it once and marks it done.
/// </summary>
public interface IDataMigrationLog
{
    /// <summary>True when the data migration is registered and has not been completed.</summary>
    Task<bool> IsDataMigrationPendingAsync(string name, CancellationToken cancellationToken);

    /// <summary>Marks the data migration done (doing so twice changes nothing).</summary>
    Task CompleteDataMigrationAsync(string name, CancellationToken cancellationToken);
}
