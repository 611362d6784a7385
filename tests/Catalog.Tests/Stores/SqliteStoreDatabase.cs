using Microsoft.Data.Sqlite;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Sqlite;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>The embedded SQLite store over a temp file, deleted afterwards.</summary>
public sealed class SqliteStoreDatabase : IStoreDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "townlake-test-" + Guid.NewGuid().ToString("N"), "catalog.db");

    public Task<RelationalCatalogStore> CreateStoreAsync(CatalogChangeFeed feed, TimeProvider clock) =>
        Task.FromResult<RelationalCatalogStore>(new SqliteCatalogStore(_path, feed, clock));

    public RelationalCatalogStore Reopen() => new SqliteCatalogStore(_path, new CatalogChangeFeed(), TimeProvider.System);

    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection("Data Source=" + _path);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection("Data Source=" + _path);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        var directory = Path.GetDirectoryName(_path)!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
