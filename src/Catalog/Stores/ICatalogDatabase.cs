namespace TownLake.Catalog.Stores;

/// <summary>The catalog database as a whole: its schema is created and migrated here, once per start.</summary>
public interface ICatalogDatabase
{
    /// <summary>Creates or migrates the database schema. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
