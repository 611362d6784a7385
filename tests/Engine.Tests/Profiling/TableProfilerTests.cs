using Npgsql;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
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

    public void Dispose()
    {
        _analyzer.Dispose();
        _files.Dispose();
    }
}
