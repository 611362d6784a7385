using System.Diagnostics;
using DuckDB.NET.Data;
using TownLake.Bench;
using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;

namespace TownLake.QueryBench;

/// <summary>
/// One way of running a query and reading all its rows; returns the row count. The lead's GraphQL path plugs in
/// here as another <see cref="QueryPath"/> (POST the query, page through the results), measured in the same run.
/// </summary>
internal sealed record QueryPath(string Name, Func<string, CancellationToken, Task<long>> RunAsync);

/// <summary>(b) Overhead of the query API over DuckDB called directly, and (c) result throughput when paging.</summary>
internal sealed class QueryBenchmark : IAsyncDisposable
{
    private const int PageSize = 10_000;
    private readonly string _directory;
    private readonly QueryRunner _runner;
    private readonly IReadOnlyList<ConnectionSettings> _connections;

    private QueryBenchmark(string directory)
    {
        _directory = directory;
        _connections = [ConnectionSettings.Create("lake", "files", [new("Path", directory)])];
        _runner = new QueryRunner([new DuckDbFederatedEngine()], new QueryRunnerOptions { DefaultLimits = new QueryLimits(5_000_000, TimeSpan.FromMinutes(5), MaxResultBytes: 16L << 30), MaxRetainedBytes = 16L << 30 });
    }

    public string FactsGlob => Path.Combine(_directory, "main", "facts", "**", "*.parquet");

    public static QueryBenchmark Create(int factRows)
    {
        var directory = Path.Combine(Path.GetTempPath(), "townlake-querybench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(directory, "main", "facts"));
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            COPY (SELECT range AS id, range % 5000 AS customer_id, (range % 997) * 1.5 AS amount, range % 4 AS quarter
                  FROM range({factRows}))
            TO '{Path.Combine(directory, "main", "facts")}' (FORMAT parquet, PARTITION_BY (quarter))
            """;
        command.ExecuteNonQuery();
        return new QueryBenchmark(directory);
    }

    /// <summary>The query through <see cref="QueryRunner"/>: start, then page through every row.</summary>
    public QueryPath Api => new("QueryRunner API", async (sql, cancellationToken) =>
    {
        var id = _runner.Start(new QueryRequest(sql.Replace("{facts}", "lake.main.facts", StringComparison.Ordinal), _connections));
        long rows = 0;
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await _runner.FetchAsync(id, offset, PageSize, cancellationToken)
                ?? throw new InvalidOperationException("run vanished");
            if (page.Status.State == QueryState.Failed)
            {
                throw new InvalidOperationException(page.Status.Error!.Message);
            }

            rows += page.Rows.Count;
            if (!page.HasMore)
            {
                return rows;
            }
        }
    });

    /// <summary>The same query in DuckDB directly (baseline): one connection, read_parquet, every value read.</summary>
    public QueryPath Direct => new("DuckDB direct", (sql, cancellationToken) =>
    {
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql.Replace("{facts}", $"read_parquet('{FactsGlob}', hive_partitioning = true)", StringComparison.Ordinal);
        command.UseStreamingMode = true;
        using var reader = command.ExecuteReader();
        return Task.FromResult(ResultReading.ReadAll(reader));
    });

    /// <summary>
    /// Runs every path <paramref name="repetitions"/> times, interleaved, after one warm-up each: the same warm-up and
    /// repetitions on every side. Returns each path's median and its samples in run order (pairs line up by index).
    /// </summary>
    public static async Task<IReadOnlyList<(string Path, TimeSpan Median, long Rows, IReadOnlyList<double> SamplesMs)>> CompareAsync(
        IReadOnlyList<QueryPath> paths, string sql, int repetitions, CancellationToken cancellationToken)
    {
        var timings = paths.ToDictionary(p => p.Name, _ => new List<TimeSpan>());
        var rows = new Dictionary<string, long>();
        foreach (var path in paths)
        {
            rows[path.Name] = await path.RunAsync(sql, cancellationToken);
        }

        for (var i = 0; i < repetitions; i++)
        {
            foreach (var path in paths)
            {
                var stopwatch = Stopwatch.StartNew();
                await path.RunAsync(sql, cancellationToken);
                timings[path.Name].Add(stopwatch.Elapsed);
            }
        }

        return paths.Select(p => (p.Name, Median(timings[p.Name]), rows[p.Name], (IReadOnlyList<double>)timings[p.Name].Select(t => t.TotalMilliseconds).ToList())).ToList();
    }

    /// <summary>Paging an already finished run: rows/s of <see cref="QueryRunner.FetchAsync"/> alone.</summary>
    public async Task<(long Rows, TimeSpan Elapsed)> PagingOnlyAsync(string sql, CancellationToken cancellationToken)
    {
        var status = await _runner.RunAsync(new QueryRequest(sql.Replace("{facts}", "lake.main.facts", StringComparison.Ordinal), _connections), cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        long rows = 0;
        for (var offset = 0; ; offset += PageSize)
        {
            var page = (await _runner.FetchAsync(status.Id, offset, PageSize, cancellationToken))!;
            foreach (var row in page.Rows)
            {
                rows += row.Length > 0 ? 1 : 0;
            }

            if (!page.HasMore)
            {
                return (rows, stopwatch.Elapsed);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _runner.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // leftover temp data is harmless
        }
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
