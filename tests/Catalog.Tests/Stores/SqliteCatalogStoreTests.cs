using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Sqlite;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>The store contract on the embedded SQLite store (a temp file).</summary>
public sealed class SqliteCatalogStoreTests : CatalogStoreContract
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "townlake-test-" + Guid.NewGuid().ToString("N"), "catalog.db");

    protected override Task<ICatalogStore> CreateStoreAsync() => Task.FromResult<ICatalogStore>(new SqliteCatalogStore(_path, Feed, Clock));

    protected override ICatalogStore Reopen() => new SqliteCatalogStore(_path, new CatalogChangeFeed(), TimeProvider.System);

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _path);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }
}
