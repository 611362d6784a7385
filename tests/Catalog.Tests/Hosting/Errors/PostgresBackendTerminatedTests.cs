using Npgsql;
using TownLake.Catalog.Hosting.Errors;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Hosting.Errors;

/// <summary>
/// A request whose PostgreSQL backend is terminated under it (what a fast shutdown or restart does to every running
/// statement and every idle pooled connection: FATAL 57P01 admin_shutdown) is the outage's 503, not a 500.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBackendTerminatedTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task An_upsert_whose_backend_is_terminated_mid_statement_is_SOURCE_UNAVAILABLE_503()
    {
        var connectionString = await postgres.RequireServer().CreateDatabaseAsync("terminated");
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Store"] = "postgres",
            ["TownLake:PostgresConnectionString"] = connectionString,
        });
        await api.DataAsync("""mutation { upsertDataset(input: { name: "a.b.c" }) { urn } }""");
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;

        await using var blocker = new NpgsqlConnection(connectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        // Holding the table makes the upsert's statement wait in its backend, where the termination finds it running.
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE entities IN ACCESS EXCLUSIVE MODE", blocker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var upsert = api.GraphQLAsync("""mutation { upsertDataset(input: { name: "a.b.d", description: "waits" }) { urn } }""");
        var terminated = await TerminateWaitingBackendsAsync(blocker, transaction, database!);

        var result = await upsert.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(terminated > 0, "no backend was waiting on the lock");
        Assert.Equal(ErrorCodes.SourceUnavailable, CatalogApiFactory.ErrorCode(result));
        Assert.Null(result["data"]?["upsertDataset"]);
    }

    [SkippableFact]
    public async Task A_read_on_a_pooled_connection_whose_backend_was_terminated_while_idle_is_SOURCE_UNAVAILABLE_503()
    {
        var connectionString = await postgres.RequireServer().CreateDatabaseAsync("terminated_idle");
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Store"] = "postgres",
            ["TownLake:PostgresConnectionString"] = connectionString,
        });
        await api.DataAsync("""mutation { upsertDataset(input: { name: "a.b.c" }) { urn } }""");

        // A fast shutdown ends the idle backends behind the service's connection pool too; the next request that takes
        // one of those connections reads the FATAL the server left on it.
        await using (var admin = new NpgsqlConnection(connectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'",
                admin);
            Assert.True(Convert.ToInt32(await terminate.ExecuteScalarAsync()) > 0, "the service kept no idle connection");
        }

        var codes = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var result = await api.GraphQLAsync("""{ dataset(name: "a.b.c") { urn } }""");
            codes.Add(CatalogApiFactory.ErrorCode(result));
        }

        // Each answer is either the dataset (a fresh connection) or the outage's code; never INTERNAL.
        Assert.All(codes, code => Assert.True(code is null or ErrorCodes.SourceUnavailable, $"answered {code}"));
    }

    private static async Task<int> TerminateWaitingBackendsAsync(NpgsqlConnection admin, NpgsqlTransaction transaction, string database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
                admin,
                transaction);
            terminate.Parameters.AddWithValue("db", database);
            var count = Convert.ToInt32(await terminate.ExecuteScalarAsync());
            if (count > 0)
            {
                return count;
            }

            await Task.Delay(50);
        }

        return 0;
    }
}
