using Npgsql;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Postgres;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>The PostgreSQL store over a fresh database on the shared test server (skips when there is none).</summary>
public sealed class PostgresStoreDatabase(PostgresFixture fixture) : IStoreDatabase
{
    private string? _connectionString;

    private string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not created yet.");

    public async Task<RelationalCatalogStore> CreateStoreAsync(CatalogChangeFeed feed, TimeProvider clock)
    {
        var server = fixture.RequireServer();
        _connectionString = await server.CreateDatabaseAsync("store");
        return new PostgresCatalogStore(_connectionString, feed, clock);
    }

    public RelationalCatalogStore Reopen() => new PostgresCatalogStore(ConnectionString, new CatalogChangeFeed(), TimeProvider.System);

    public async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
