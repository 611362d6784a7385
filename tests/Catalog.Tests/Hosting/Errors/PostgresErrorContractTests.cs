using Npgsql;
using TownLake.Catalog.Stores;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Hosting.Errors;

/// <summary>The error contract's store-failure cases on PostgreSQL, where a broken store must fail as fast as on SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresErrorContractTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task A_broken_postgres_store_is_a_500_that_names_nothing_internal_on_every_face()
    {
        var connectionString = await postgres.RequireServer().CreateDatabaseAsync("broken");
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Store"] = "postgres",
            ["TownLake:PostgresConnectionString"] = connectionString,
        });
        await api.DataAsync("""mutation { upsertDataset(input: { name: "a.b.c" }) { urn } }""");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // Other tables reference these; CASCADE drops their foreign keys with them.
            await using var drop = new NpgsqlCommand(BrokenStore.DropTables.Replace(";", " CASCADE;", StringComparison.Ordinal), connection);
            await drop.ExecuteNonQueryAsync();
        }

        await BrokenStore.AssertInternalOnEveryFaceAsync(api);
    }

    [SkippableFact]
    public async Task A_postgres_store_that_cannot_be_reached_is_SOURCE_UNAVAILABLE_at_once_on_every_face_MCP_included()
    {
        var server = postgres.RequireServer();
        Skip.IfNot(server.IsThrowaway, "Stopping the database needs the throwaway cluster, not TOWNLAKE_TEST_POSTGRES.");
        var connectionString = await server.CreateDatabaseAsync("gone");
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Store"] = "postgres",
            ["TownLake:PostgresConnectionString"] = connectionString,
        });
        await api.DataAsync("""mutation { upsertDataset(input: { name: "a.b.c" }) { urn } }""");
        // The tests of this collection run one at a time, so stopping the shared cluster disturbs no other test.
        await server.StopAsync();
        try
        {
            var unavailable = StoreFaults.Unavailable();
            await BrokenStore.AssertOnEveryFaceAsync(api, unavailable.Code, unavailable.Message, 503);
        }
        finally
        {
            await server.StartAgainAsync();
        }
    }
}
