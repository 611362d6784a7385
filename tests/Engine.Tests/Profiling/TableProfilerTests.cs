using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Execution;
using TownLake.Engine.Profiling;
using TownLake.Engine.Sql;
using TownLake.Engine.Tests.Connectors;
using TownLake.TestSupport;

namespace TownLake.Engine.Tests.Profiling;

/// <summary>The profiler on a DuckDB file and a real PostgreSQL table: exact statistics for small tables, samples for large ones.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TableProfilerTests(PostgresFixture fixture) : IDisposable
{
    private const string Rows = """
        SELECT i AS id,
               CASE WHEN i % 10 = 0 THEN NULL WHEN i % 3 = 0 THEN 'EMEA' WHEN i % 3 = 1 THEN 'AMER' ELSE 'APAC' END AS region,
               CAST(i / 4 AS DECIMAL(10,2)) AS amount,
               DATE '2026-01-01' + CAST(i % 30 AS INTEGER) AS booked_on,
               TIMESTAMP '2026-11-01 00:00:00' + to_seconds(i) AS updated_at
        FROM range(1, 1001) t(i)
        """;

    private static readonly ProfileColumn[] Columns =
    [
        new("id", "BIGINT"), new("region", "VARCHAR"), new("amount", "DECIMAL(18,4)"), new("booked_on", "DATE"), new("updated_at", "TIMESTAMP"),
    ];

    private readonly TestFiles _files = new();
    private readonly SqlLineageAnalyzer _analyzer = new();

    private TableProfiler Profiler => new(new DuckDbFederatedEngine(), _analyzer);

    private ConnectionSettings DuckDbFile()
    {
        var path = _files.PathOf("wh.duckdb");
        TestFiles.DuckDb($"ATTACH '{path}' AS wh", $"CREATE TABLE wh.main.orders AS {Rows}");
        return ConnectionSettings.Create("wh", "duckdb", [new("Path", path)]);
    }

    [Fact]
    public async Task A_small_table_is_profiled_exactly()
    {
        var statistics = await Profiler.ProfileAsync(new ProfileTarget(DuckDbFile(), "main", "orders", Columns), new ProfilingOptions(), CancellationToken.None);

        Assert.Equal(1000, statistics.RowCount);
        Assert.False(statistics.Sampled);
        Assert.Equal(1000, statistics.ProfiledRows);
        Assert.Equal("updated_at", statistics.FreshnessColumn);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 16, 40, TimeSpan.Zero), statistics.Freshness);
        var region = statistics.Columns[1];
        Assert.Equal(100, region.NullCount);
        Assert.Equal(3, region.DistinctCount);
        Assert.False(region.DistinctApproximate);
        Assert.Equal(("AMER", "EMEA"), (region.Min, region.Max));
        Assert.Equal((4, 4), (region.MinLength, region.MaxLength));
        Assert.Equal("AMER", region.TopValues[0].Value);
        Assert.Equal(["AMER", "APAC", "EMEA"], region.TopValues.Select(v => v.Value).Order());
        Assert.Equal(900, region.TopValues.Sum(v => v.Count));
        Assert.Empty(region.Histogram);
        var amount = statistics.Columns[2];
        Assert.Equal(125.125, amount.Mean!.Value, 3);
        Assert.Equal(("0.25", "250.00"), (amount.Min, amount.Max));
        Assert.Equal(10, amount.Histogram.Count);
        Assert.Equal(1000, amount.Histogram.Sum(b => b.Count));
        Assert.Equal(("0.25", "250"), (amount.Histogram[0].Lower, amount.Histogram[^1].Upper));
        var booked = statistics.Columns[3];
        Assert.Equal(30, booked.DistinctCount);
        Assert.Equal("2026-01-01", booked.Histogram[0].Lower);
        Assert.Equal("2026-01-30", booked.Histogram[^1].Upper);
        Assert.Equal(1000, booked.Histogram.Sum(b => b.Count));
    }

    [Fact]
    public async Task A_table_above_the_exact_limit_is_sampled_with_approximate_distinct_counts()
    {
        var options = new ProfilingOptions { ExactRowLimit = 500, SampleRows = 200, TopValues = 2, HistogramBins = 4 };

        var statistics = await Profiler.ProfileAsync(new ProfileTarget(DuckDbFile(), "main", "orders", Columns), options, CancellationToken.None);

        Assert.Equal(1000, statistics.RowCount);
        Assert.False(statistics.RowCountEstimated);
        Assert.True(statistics.Sampled);
        Assert.Equal(200, statistics.ProfiledRows);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 16, 40, TimeSpan.Zero), statistics.Freshness);
        Assert.All(statistics.Columns, c => Assert.True(c.DistinctApproximate));
        Assert.Equal(2, statistics.Columns[1].TopValues.Count);
        Assert.Equal(4, statistics.Columns[2].Histogram.Count);
        Assert.Equal(200 - statistics.Columns[2].NullCount, statistics.Columns[2].Histogram.Sum(b => b.Count));
    }

    [Fact]
    public async Task Absurd_options_are_refused_before_any_statement_runs()
    {
        var target = new ProfileTarget(ConnectionSettings.Create("wh", "duckdb", [new("Path", "/nonexistent.duckdb")]), "main", "orders", Columns);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Profiler.ProfileAsync(target, new ProfilingOptions { TopValues = 1_000_000 }, CancellationToken.None));

        Assert.Contains("TopValues", error.Message);
    }

    [Fact]
    public async Task Column_names_with_quotes_are_read_as_names_not_sql()
    {
        var path = _files.PathOf("odd.duckdb");
        TestFiles.DuckDb($"ATTACH '{path}' AS odd", "CREATE TABLE odd.main.\"we\"\"ird\" AS SELECT 'x' AS \"a\"\"); DROP TABLE x; --\"");
        var connection = ConnectionSettings.Create("odd", "duckdb", [new("Path", path)]);

        var statistics = await Profiler.ProfileAsync(new ProfileTarget(connection, "main", "we\"ird", [new("a\"); DROP TABLE x; --", "VARCHAR")]), new ProfilingOptions(), CancellationToken.None);

        Assert.Equal(1, statistics.RowCount);
        Assert.Equal("x", Assert.Single(statistics.Columns[0].TopValues).Value);
    }

    [Fact]
    public async Task A_batch_profiles_several_tables_of_one_file_through_one_session_exactly_as_each_alone()
    {
        var path = _files.PathOf("batch.duckdb");
        TestFiles.DuckDb($"ATTACH '{path}' AS wh", $"CREATE TABLE wh.main.orders AS {Rows}", $"CREATE TABLE wh.main.few AS {Rows} LIMIT 40",
            $"CREATE TABLE wh.main.\"odd \"\"name\" AS {Rows} LIMIT 300");
        var connection = ConnectionSettings.Create("wh", "duckdb", [new("Path", path)]);
        var options = new ProfilingOptions { ExactRowLimit = 500, SampleRows = 300, TopValues = 3, HistogramBins = 5 };
        ProfileTarget[] targets =
        [
            new(connection, "main", "orders", Columns), new(connection, "main", "few", Columns),
            new(connection, "main", "nope", Columns), new(connection, "main", "odd \"name", Columns, EstimatedRows: 300),
        ];
        var alone = new List<string>();
        foreach (var target in targets.Where(t => t.Table != "nope"))
        {
            alone.Add(Json(await Profiler.ProfileAsync(target, options, CancellationToken.None)));
        }

        var outcomes = new List<ProfileOutcome>();
        await foreach (var outcome in Profiler.ProfileManyAsync(targets, options, CancellationToken.None))
        {
            outcomes.Add(outcome);
            if (outcomes.Count == 1)
            {
                // Gone from the disk: only a session that attached the file before can still read the other tables.
                File.Delete(path);
            }
        }

        Assert.Equal(["orders", "few", "nope", "odd \"name"], outcomes.Select(o => o.Target.Table));
        Assert.Equal(alone, outcomes.Where(o => o.Target.Table != "nope").Select(o => Json(o.Statistics!)));
        Assert.Equal([true, false, false], outcomes.Where(o => o.Statistics is not null).Select(o => o.Statistics!.Sampled));
        Assert.Null(outcomes[2].Statistics);
        Assert.Contains("nope", outcomes[2].Error!.Message, StringComparison.OrdinalIgnoreCase);
        var reopened = await Assert.ThrowsAsync<QueryException>(() => Profiler.ProfileAsync(targets[1], options, CancellationToken.None));
        Assert.Equal(QueryErrorKind.SourceUnavailable, reopened.Error.Kind);
    }

    [Fact]
    public async Task A_cancelled_batch_stops_between_tables()
    {
        var connection = DuckDbFile();
        var targets = Enumerable.Repeat(new ProfileTarget(connection, "main", "orders", Columns), 5).ToList();
        using var cancellation = new CancellationTokenSource();
        var profiled = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var outcome in Profiler.ProfileManyAsync(targets, new ProfilingOptions(), cancellation.Token))
            {
                Assert.NotNull(outcome.Statistics);
                profiled++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, profiled);
    }

    [Fact]
    public async Task A_batch_refuses_tables_of_two_connections_and_reports_a_missing_file_for_each_table()
    {
        var gone = ConnectionSettings.Create("gone", "duckdb", [new("Path", _files.PathOf("missing.duckdb"))]);
        ProfileTarget[] mixed = [new(DuckDbFile(), "main", "orders", Columns), new(gone, "main", "orders", Columns)];

        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in Profiler.ProfileManyAsync(mixed, new ProfilingOptions(), CancellationToken.None))
            {
            }
        });
        var outcomes = new List<ProfileOutcome>();
        await foreach (var outcome in Profiler.ProfileManyAsync([mixed[1], mixed[1] with { Table = "other" }], new ProfilingOptions(), CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        Assert.Equal(2, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(QueryErrorKind.SourceUnavailable, o.Error!.Error.Kind));
    }

    [Fact]
    public async Task A_batch_cannot_inject_sql_through_a_table_name()
    {
        var connection = DuckDbFile();
        var escape = _files.PathOf("escaped.csv");
        ProfileTarget[] targets =
        [
            new(connection, "main", $"orders\" LIMIT 1; COPY (SELECT 1) TO '{escape}'; --", Columns),
            new(connection, "main", "orders", Columns),
        ];

        var outcomes = new List<ProfileOutcome>();
        await foreach (var outcome in Profiler.ProfileManyAsync(targets, new ProfilingOptions(), CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        Assert.NotNull(outcomes[0].Error);
        Assert.Equal(1000, outcomes[1].Statistics!.RowCount);
        Assert.False(File.Exists(escape));
    }

    [SkippableFact]
    public async Task A_postgres_table_is_profiled_through_the_federation_and_a_large_one_keeps_its_estimate()
    {
        var server = fixture.RequireServer();
        var connectionString = await server.CreateDatabaseAsync("profiled");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE TABLE public.accounts (id int PRIMARY KEY, region text, balance numeric(12,2), opened_at timestamptz);
                INSERT INTO public.accounts SELECT i, CASE WHEN i % 4 = 0 THEN NULL WHEN i % 2 = 0 THEN 'EMEA' ELSE 'AMER' END, i * 1.5,
                  TIMESTAMPTZ '2026-06-01 00:00:00+00' + i * INTERVAL '1 hour' FROM generate_series(1, 400) i;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        var settings = ConnectionSettings.Create("shop", "postgres", [new("ConnectionString", connectionString)]);
        ProfileColumn[] columns = [new("id", "integer"), new("region", "text"), new("balance", "numeric(12,2)"), new("opened_at", "timestamp with time zone")];

        var exact = await Profiler.ProfileAsync(new ProfileTarget(settings, "public", "accounts", columns, EstimatedRows: 400), new ProfilingOptions(), CancellationToken.None);
        var large = await Profiler.ProfileAsync(new ProfileTarget(settings, "public", "accounts", columns, EstimatedRows: 5_000_000), new ProfilingOptions { ExactRowLimit = 100, SampleRows = 100 }, CancellationToken.None);

        Assert.Equal(400, exact.RowCount);
        Assert.False(exact.Sampled);
        Assert.Equal(100, exact.Columns[1].NullCount);
        Assert.Equal(2, exact.Columns[1].DistinctCount);
        Assert.Equal(["AMER", "EMEA"], exact.Columns[1].TopValues.Select(v => v.Value).Order());
        Assert.Equal(new DateTimeOffset(2026, 6, 17, 16, 0, 0, TimeSpan.Zero), exact.Freshness);
        Assert.Equal(5_000_000, large.RowCount);
        Assert.True(large.RowCountEstimated);
        Assert.True(large.Sampled);
        Assert.Equal(100, large.ProfiledRows);
        Assert.Equal(exact.Freshness, large.Freshness);
    }

    private static string Json(TableStatistics statistics) =>
        JsonSerializer.Serialize(statistics, new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });

    public void Dispose()
    {
        _analyzer.Dispose();
        _files.Dispose();
    }
}
