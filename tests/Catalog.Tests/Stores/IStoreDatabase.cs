using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// A fresh, empty database of one store adapter for one test class: the store port contracts run against each
/// implementation through this (<see cref="SqliteStoreDatabase"/>, <see cref="PostgresStoreDatabase"/>).
/// </summary>
public interface IStoreDatabase : IAsyncDisposable
{
    /// <summary>Creates the database and a store over it (schema not yet initialized).</summary>
    Task<RelationalCatalogStore> CreateStoreAsync(CatalogChangeFeed feed, TimeProvider clock);

    /// <summary>Opens a second store instance over the same database (as after a restart).</summary>
    RelationalCatalogStore Reopen();

    /// <summary>Runs raw SQL on the database (to put it into the state an older version left).</summary>
    Task ExecuteSqlAsync(string sql);

    /// <summary>Reads one value with raw SQL (to check what the store wrote, as a later version will read it).</summary>
    Task<object?> ScalarAsync(string sql);
}
