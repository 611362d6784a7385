using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Postgres;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>The store contract on PostgreSQL: a fresh database per test class on a real server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCatalogStoreTests(PostgresFixture fixture) : CatalogStoreContract
{
    private string? _connectionString;

    protected override async Task<ICatalogStore> CreateStoreAsync()
    {
        var server = fixture.RequireServer();
        _connectionString = await server.CreateDatabaseAsync("store");
        return new PostgresCatalogStore(_connectionString, Feed, Clock);
    }

    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override ICatalogStore Reopen() => new PostgresCatalogStore(_connectionString!, new CatalogChangeFeed(), TimeProvider.System);
}
