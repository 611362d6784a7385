using Npgsql;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Execution;
using TownLake.Engine.Tests.Connectors;
using TownLake.TestSupport;

namespace TownLake.Engine.Tests.Reliability;

/// <summary>
/// A PostgreSQL source that goes away while a query reads from it (its backend terminated, as by a restart or a DBA)
/// fails that run only, with SOURCE_UNAVAILABLE naming the connection; the next run on the same runner works.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SourceLostMidQueryTests(PostgresFixture fixture) : IAsyncLifetime
{
    private readonly QueryRunner _runner = new([new DuckDbFederatedEngine()]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _runner.DisposeAsync();

    [SkippableFact]
    public async Task Postgres_backend_terminated_mid_query_fails_that_run_with_source_unavailable_and_the_next_run_works()
    {
        var server = fixture.RequireServer();
        var connectionString = await server.CreateDatabaseAsync("midquery");
        await ExecuteAsync(connectionString, """
            CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
            INSERT INTO customers SELECT g, 'c' || g FROM generate_series(1, 200) g;
            -- Rows trickle out for many minutes: the run is certainly still reading when its backend is terminated.
            CREATE VIEW endless AS SELECT g AS id FROM generate_series(1, 100000000) g WHERE length(pg_sleep(0.00005)::text) = 0;
            """);
        List<ConnectionSettings> connections = [ConnectionSettings.Create("shop", "postgres", [new("ConnectionString", connectionString)])];
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;

        var doomed = _runner.RunAsync(new QueryRequest("SELECT count(*) FROM shop.public.endless", connections));
        var terminated = await TerminateWhenReadingAsync(server.AdminConnectionString, database, "endless");
        var status = await doomed.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(terminated, "the query never reached PostgreSQL");
        Assert.Equal(QueryState.Failed, status.State);
        Assert.Equal(QueryErrorKind.SourceUnavailable, status.Error!.Kind);
        Assert.Contains("'shop'", status.Error.Message, StringComparison.Ordinal);

        var next = await _runner.RunAsync(new QueryRequest("SELECT count(*) AS n FROM shop.public.customers", connections));
        Assert.True(next.State == QueryState.Succeeded, next.Error?.Message);
        Assert.Equal(200L, Convert.ToInt64((await _runner.FetchAsync(next.Id, 0, 1))!.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until a backend of <paramref name="database"/> is running a query naming <paramref name="marker"/>, then terminates it.</summary>
    private static async Task<bool> TerminateWhenReadingAsync(string adminConnectionString, string database, string marker)
    {
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND state = 'active' AND query LIKE '%' || @marker || '%' AND pid <> pg_backend_pid()", admin);
            command.Parameters.AddWithValue("db", database);
            command.Parameters.AddWithValue("marker", marker);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
