using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TownLake.Bench;

// Query front benchmark: the catalog service in-process (ASP.NET Core TestServer, real GraphQL/HTTP pipeline, no socket)
// against DuckDB called directly on the same file, in the same run.
var provenance = RunProvenance.Capture("bench/QueryFrontBench", args);
var options = BenchSize.From(BenchOptions.Parse(args));
var work = Path.Combine(Path.GetTempPath(), "townlake-qfbench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
var database = Path.Combine(work, "bench.duckdb");
try
{
    Console.WriteLine($"Generating {options.FactRows:N0} fact rows in {database} …");
    using (var duck = new DuckDBConnection($"Data Source={database}"))
    {
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            CREATE SCHEMA sales;
            CREATE TABLE sales.facts AS
              SELECT i AS line_id, i % 50000 AS store_id, (i % 997) * 1.25 AS amount, i % 4 AS quarter
              FROM range({options.FactRows}) t(i);
            CHECKPOINT;
            """;
        command.ExecuteNonQuery();
    }

    // WebApplicationFactory looks for the service's content root under this variable (the service's own folder).
    Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TOWNLAKE_CATALOG", Path.Combine(RunProvenance.RepositoryRoot(), "src", "Catalog"));
    await using var api = new BenchApi(work, database, options.FactRows);
    using var client = api.CreateClient();
    // Only catalogued datasets are queryable: ingest the connection's tables first.
    using (var ingest = await client.PostAsJsonAsync("/graphql", new { query = "mutation { ingestConnection(name: \"bench\") { added } }" }))
    {
        ingest.EnsureSuccessStatusCode();
    }
    var overhead = await Overhead.MeasureAsync(client, database, options.Repetitions);
    var throughput = await Throughput.MeasureAsync(client, database, options.FactRows, Math.Max(3, options.Repetitions / 3));
    var verdicts = new Verdicts();
    var report = Report(options, overhead, throughput, verdicts);
    Console.WriteLine(report);
    await ResultsFile.WriteAsync("query-front.md", "Query front: GraphQL vs DuckDB direct",
        $"dotnet run -c Release --project bench/QueryFrontBench -- --fact-rows {options.FactRows} --repetitions {options.Repetitions}", provenance, report, verdicts);
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string Report(BenchSize options, Overhead.Result overhead, Throughput.Result throughput, Verdicts verdicts)
{
    var s = new StringBuilder();
    var inv = CultureInfo.InvariantCulture;
    s.AppendLine("The catalog service runs in-process on ASP.NET Core's TestServer (the whole HTTP + GraphQL pipeline, caller resolution, SQL analysis, audit writes to SQLite; no socket). Baseline: DuckDB.NET on the same file in the same run, with the same warm-up and repetitions, interleaved run by run.");
    s.AppendLine();
    s.AppendLine(inv, $"Overhead query: `{Overhead.Sql}` (table of {options.FactRows:N0} rows); one warm-up per side, then {options.Repetitions} interleaved pairs; every result row read.");
    s.AppendLine();
    s.AppendLine("| path | rows | median |");
    s.AppendLine("|---|---:|---:|");
    s.AppendLine(inv, $"| DuckDB direct | {overhead.Rows:N0} | {Median(overhead.DirectMs):0.0} ms |");
    s.AppendLine(inv, $"| GraphQL startQuery + results | {overhead.Rows:N0} | {Median(overhead.ApiMs):0.0} ms |");
    var ratio = PairedRatio.Of(overhead.DirectMs, overhead.ApiMs);
    s.AppendLine();
    s.AppendLine(inv, $"Paired ratio GraphQL / direct: {ratio}.");
    verdicts.Check("GraphQL query overhead < 1.10× DuckDB direct (upper bound of the 95% CI)", ratio.ToString(), ratio.High < 1.10);
    s.AppendLine();
    s.AppendLine(inv, $"Throughput: `{Throughput.Sql}` ({throughput.Rows:N0} rows × 4 columns), pages of {Throughput.PageSize:N0} rows; every path warmed up once, then the median of {throughput.Repetitions} interleaved runs.");
    s.AppendLine();
    s.AppendLine("| measured | rows | median | rows/s |");
    s.AppendLine("|---|---:|---:|---:|");
    foreach (var (name, samples) in throughput.Paths)
    {
        var ms = Median(samples);
        s.AppendLine(inv, $"| {name} | {throughput.Rows:N0} | {ms:0} ms | {throughput.Rows / ms * 1000:N0} |");
    }

    s.AppendLine();
    s.AppendLine("The agent API's `fetch_results` is not a bulk path: its pages are fitted to the caller's token budget (at most 500 rows, long cells shortened) for a model's context, so whole-result throughput is measured on GraphQL `results` only.");
    var execute = PairedRatio.Of(throughput.Paths[0].SamplesMs, throughput.Paths[1].SamplesMs);
    s.AppendLine();
    s.AppendLine(inv, $"Paired ratio, execute + read all, GraphQL / direct: {execute}.");
    foreach (var (name, samples) in throughput.Paths.Skip(2))
    {
        var rate = throughput.Rows / Median(samples) * 1000;
        verdicts.Check($"{name} ≥ 1M rows/s", $"{rate:N0} rows/s", rate >= 1_000_000);
    }

    return s.ToString();
}

static double Median(IReadOnlyList<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>What to measure: the fact table's size and the interleaved repetitions.</summary>
internal sealed record BenchSize(long FactRows, int Repetitions)
{
    public static BenchSize From(BenchOptions options) => new(options.GetLong("fact-rows", 2_000_000), options.GetInt("repetitions", 15));
}

/// <summary>The catalog service with one DuckDB connection <c>bench</c>, in-process.</summary>
internal sealed class BenchApi(string dataDirectory, string database, long maxRows) : WebApplicationFactory<TownLake.Catalog.QueryFront.QueryFrontService>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TownLake:DataDirectory", Path.Combine(dataDirectory, "catalog"));
        builder.UseSetting("TownLake:DemoWarehouse", "false");
        builder.UseSetting("TownLake:Connections:bench:Type", "duckdb");
        builder.UseSetting("TownLake:Connections:bench:Path", database);
        // Governance keeps new tables closed until reviewed; the benchmark's generated table is opened on purpose, the
        // way a team opens public reference data, so the measured path is the query front and not the review queue.
        builder.UseSetting("TownLake:Governance:OpenConnections", "bench");
        builder.UseSetting("TownLake:Query:MaxRows", Math.Max(maxRows, 1).ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TownLake:Query:Timeout", "00:10:00");
        // The throughput run pages whole wide results: lift the memory budgets that protect a shared service.
        builder.UseSetting("TownLake:Query:MaxResultBytes", (16L << 30).ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("TownLake:Query:MaxRetainedBytes", (16L << 30).ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

/// <summary>The GraphQL path: start, then page with <c>results</c>, which waits for its rows (no polling).</summary>
internal static class GraphQLPath
{
    public static async Task<string> StartAsync(HttpClient client, string sql)
    {
        var data = await PostAsync(client, "mutation($sql: String!) { startQuery(sql: $sql) { id } }", new { sql });
        return data["startQuery"]!["id"]!.GetValue<string>();
    }

    /// <summary>Reads every row of a run page by page; returns the row count.</summary>
    public static async Task<long> ReadAllAsync(HttpClient client, string id, int pageSize)
    {
        long rows = 0;
        var offset = 0;
        while (true)
        {
            using var response = await client.PostAsJsonAsync("/graphql", new
            {
                query = "query($id: ID!, $offset: Int, $limit: Int) { results(id: $id, offset: $offset, limit: $limit) { rows hasMore run { error { message } } } }",
                variables = new { id, offset, limit = pageSize },
            });
            // JsonDocument, not JsonNode: the client's own parsing should cost as little as possible.
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            if (body.RootElement.TryGetProperty("errors", out var errors))
            {
                throw new InvalidOperationException("GraphQL error: " + errors);
            }

            var page = body.RootElement.GetProperty("data").GetProperty("results");
            if (page.GetProperty("run").GetProperty("error").ValueKind != JsonValueKind.Null)
            {
                throw new InvalidOperationException("The benchmark query failed: " + page.GetProperty("run").GetProperty("error"));
            }

            var count = page.GetProperty("rows").GetArrayLength();
            rows += count;
            offset += count;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return rows;
            }
        }
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string query, object variables)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = JsonNode.Parse(await response.Content.ReadAsStreamAsync())!;
        if (body["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new InvalidOperationException("GraphQL error: " + errors.ToJsonString());
        }

        return body["data"]!;
    }
}

/// <summary>DuckDB on the file directly: execute and read every value.</summary>
internal static class Direct
{
    public static long Run(string database, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={database};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return ResultReading.ReadAll(reader);
    }
}

/// <summary>Part (d1): a ~100 ms aggregate through GraphQL vs DuckDB directly.</summary>
internal static class Overhead
{
    // An analyst's aggregate: ~100 ms in DuckDB on an idle 2-core machine, a result of 100 rows.
    public const string Sql = "SELECT store_id % 100 AS bucket, sum(amount) AS total, count(*) AS n, count(DISTINCT store_id) AS stores FROM bench.sales.facts WHERE line_id < 400000 GROUP BY bucket ORDER BY bucket";

    public sealed record Result(long Rows, IReadOnlyList<double> DirectMs, IReadOnlyList<double> ApiMs);

    public static async Task<Result> MeasureAsync(HttpClient client, string database, int repetitions)
    {
        long rows = 0;
        Direct.Run(database, Sql);
        await ApiAsync(client);
        var direct = new List<double>();
        var api = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            rows = Direct.Run(database, Sql);
            direct.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var apiRows = await ApiAsync(client);
            api.Add(watch.Elapsed.TotalMilliseconds);
            if (apiRows != rows)
            {
                throw new InvalidOperationException($"The API returned {apiRows} rows, DuckDB {rows}.");
            }
        }

        return new Result(rows, direct, api);
    }

    private static async Task<long> ApiAsync(HttpClient client) =>
        await GraphQLPath.ReadAllAsync(client, await GraphQLPath.StartAsync(client, Sql), 10_000);
}

/// <summary>Part (d2): paging a big finished result through GraphQL <c>results</c>.</summary>
internal static class Throughput
{
    public const string Sql = "SELECT line_id, store_id, amount, quarter FROM bench.sales.facts";
    public const int PageSize = 10_000;

    public sealed record Result(long Rows, int Repetitions, IReadOnlyList<(string Name, IReadOnlyList<double> SamplesMs)> Paths);

    public static async Task<Result> MeasureAsync(HttpClient client, string database, long factRows, int repetitions)
    {
        // One finished run to page through: paging measures the API's reads alone, the first two paths execute too.
        var finished = await GraphQLPath.StartAsync(client, Sql);
        var paths = new (string Name, Func<Task<long>> Run)[]
        {
            ("DuckDB direct: execute + read all", () => Task.FromResult(Direct.Run(database, Sql))),
            ("GraphQL startQuery + `results` paging: execute + read all", async () => await GraphQLPath.ReadAllAsync(client, await GraphQLPath.StartAsync(client, Sql), PageSize)),
            ("GraphQL `results` paging (finished run)", () => GraphQLPath.ReadAllAsync(client, finished, PageSize)),
        };
        var samples = paths.Select(_ => new List<double>()).ToArray();
        foreach (var (name, run) in paths)
        {
            var rows = await run();  // the warm-up, which also checks that every path reads every row
            if (rows != factRows)
            {
                throw new InvalidOperationException($"{name} read {rows} rows, expected {factRows}.");
            }
        }

        for (var i = 0; i < repetitions; i++)
        {
            for (var p = 0; p < paths.Length; p++)
            {
                var watch = Stopwatch.StartNew();
                await paths[p].Run();
                samples[p].Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return new Result(factRows, repetitions, paths.Select((p, i) => (p.Name, (IReadOnlyList<double>)samples[i])).ToList());
    }
}
