using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

// Query front benchmark: the catalog service in-process (ASP.NET Core TestServer, real GraphQL/HTTP pipeline, no socket)
// against DuckDB called directly on the same file, in the same run.
var options = BenchOptions.Parse(args);
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
              SELECT i AS line_id, i % 50000 AS customer_id, (i % 997) * 1.25 AS amount, i % 4 AS quarter
              FROM range({options.FactRows}) t(i);
            CHECKPOINT;
            """;
        command.ExecuteNonQuery();
    }

    // WebApplicationFactory looks for the service's content root under this variable (the service's own folder).
    Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TOWNLAKE_CATALOG", Path.Combine(BenchOptions.RepoRoot(), "src", "Catalog"));
    await using var api = new BenchApi(work, database, options.FactRows);
    using var client = api.CreateClient();
    // Only catalogued datasets are queryable: ingest the connection's tables first.
    using (var ingest = await client.PostAsJsonAsync("/graphql", new { query = "mutation { ingestConnection(name: \"bench\") { added } }" }))
    {
        ingest.EnsureSuccessStatusCode();
    }
    var overhead = await Overhead.MeasureAsync(client, database, options.Repetitions);
    var throughput = await Throughput.MeasureAsync(client, database, options.FactRows);
    var report = Report(options, overhead, throughput);
    Console.WriteLine(report);
    WriteSection(options.Out, report);
    Console.WriteLine($"Results written to {options.Out}");
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string Report(BenchOptions options, Overhead.Result overhead, Throughput.Result throughput)
{
    var s = new StringBuilder();
    var inv = CultureInfo.InvariantCulture;
    s.AppendLine("## (d) Catalog query front: GraphQL and agent API (QueryFrontBench)");
    s.AppendLine();
    s.AppendLine(inv, $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    s.AppendLine(inv, $"- Command: `dotnet run -c Release --project bench/QueryFrontBench -- --fact-rows {options.FactRows} --repetitions {options.Repetitions}`");
    s.AppendLine("- The catalog service runs in-process on ASP.NET Core's TestServer (the whole HTTP + GraphQL pipeline, caller resolution, SQL analysis, audit writes to SQLite; no socket). Baseline: DuckDB.NET on the same file in the same run.");
    s.AppendLine();
    s.AppendLine(inv, $"Overhead query: `{Overhead.Sql}` (table of {options.FactRows:N0} rows); median of {options.Repetitions} interleaved runs after a warm-up; every result row read. Load average at the start: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores (other engineers' builds share the machine).");
    s.AppendLine();
    s.AppendLine("| path | rows | median | vs DuckDB direct | target |");
    s.AppendLine("|---|---:|---:|---:|---|");
    s.AppendLine(inv, $"| DuckDB direct | {overhead.Rows:N0} | {overhead.DirectMs:0.0} ms | 1.00x | baseline |");
    var ratio = overhead.ApiMs / overhead.DirectMs;
    s.AppendLine(inv, $"| GraphQL startQuery + results | {overhead.Rows:N0} | {overhead.ApiMs:0.0} ms | {ratio:0.00}x ({overhead.ApiMs - overhead.DirectMs:+0.0;-0.0} ms) | < 1.10x: {(ratio < 1.10 ? "meets" : "misses")} |");
    s.AppendLine();
    s.AppendLine(inv, $"Paging throughput: `{Throughput.Sql}` ({throughput.Rows:N0} rows × 4 columns), pages of {Throughput.PageSize:N0} rows, run already finished.");
    s.AppendLine();
    s.AppendLine("| measured | rows | time | rows/s | target |");
    s.AppendLine("|---|---:|---:|---:|---|");
    s.AppendLine(inv, $"| DuckDB direct: execute + read all | {throughput.Rows:N0} | {throughput.DirectMs:0} ms | {throughput.Rows / throughput.DirectMs * 1000:N0} | baseline |");
    foreach (var (name, ms) in throughput.Paths)
    {
        var rate = throughput.Rows / ms * 1000;
        s.AppendLine(inv, $"| {name} | {throughput.Rows:N0} | {ms:0} ms | {rate:N0} | ≥ 1M/s: {(rate >= 1_000_000 ? "meets" : "misses")} |");
    }

    return s.ToString();
}

static void WriteSection(string path, string section)
{
    // The file is shared with the Engine benchmark: replace only this benchmark's own section.
    const string Start = "<!-- QueryFrontBench:start -->";
    const string End = "<!-- QueryFrontBench:end -->";
    var existing = File.Exists(path) ? File.ReadAllText(path) : "# Query front benchmark\n";
    var block = $"{Start}\n{section.TrimEnd()}\n{End}\n";
    var from = existing.IndexOf(Start, StringComparison.Ordinal);
    var to = existing.IndexOf(End, StringComparison.Ordinal);
    var updated = from >= 0 && to > from
        ? existing[..from] + block + existing[(to + End.Length)..].TrimStart('\n')
        : existing.TrimEnd() + "\n\n" + block;
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    File.WriteAllText(path, updated);
}

/// <summary>Command-line options.</summary>
internal sealed record BenchOptions(long FactRows, int Repetitions, string Out)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(2_000_000, 15, Path.Combine(RepoRoot(), "bench", "results", "query-front.md"));
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--fact-rows" => options with { FactRows = long.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--repetitions" => options with { Repetitions = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--out" => options with { Out = args[i + 1] },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Use --fact-rows N, --repetitions N, --out FILE."),
            };
        }

        return options;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TownLake.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>The catalog service with one DuckDB connection <c>bench</c>, in-process.</summary>
internal sealed class BenchApi(string dataDirectory, string database, long maxRows) : WebApplicationFactory<TownLake.Catalog.Queries.QueryFront>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("TownLake:DataDirectory", Path.Combine(dataDirectory, "catalog"));
        builder.UseSetting("TownLake:DemoWarehouse", "false");
        builder.UseSetting("TownLake:Connections:bench:Type", "duckdb");
        builder.UseSetting("TownLake:Connections:bench:Path", database);
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

    public static async Task<long> DisplayAllAsync(HttpClient client, string id, int pageSize)
    {
        long rows = 0;
        var offset = 0;
        while (true)
        {
            using var response = await client.PostAsJsonAsync("/api/agent/fetch_results", new { id, mode = "display", offset, limit = pageSize });
            response.EnsureSuccessStatusCode();
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            var display = body.RootElement.GetProperty("display");
            var count = display.GetProperty("rows").GetArrayLength();
            rows += count;
            offset += count;
            if (!display.GetProperty("hasMore").GetBoolean())
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
        long rows = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
    }
}

/// <summary>Part (d1): a ~100 ms aggregate through GraphQL vs DuckDB directly.</summary>
internal static class Overhead
{
    // An analyst's aggregate: ~100 ms in DuckDB on an idle 2-core machine, a result of 100 rows.
    public const string Sql = "SELECT customer_id % 100 AS bucket, sum(amount) AS total, count(*) AS n, count(DISTINCT customer_id) AS customers FROM bench.sales.facts WHERE line_id < 400000 GROUP BY bucket ORDER BY bucket";

    public sealed record Result(long Rows, double DirectMs, double ApiMs);

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

        return new Result(rows, Median(direct), Median(api));
    }

    private static async Task<long> ApiAsync(HttpClient client) =>
        await GraphQLPath.ReadAllAsync(client, await GraphQLPath.StartAsync(client, Sql), 10_000);

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}

/// <summary>Part (d2): paging a big finished result through <c>results</c> and the agent <c>display</c> mode.</summary>
internal static class Throughput
{
    public const string Sql = "SELECT line_id, customer_id, amount, quarter FROM bench.sales.facts";
    public const int PageSize = 10_000;

    public sealed record Result(long Rows, double DirectMs, IReadOnlyList<(string Name, double Ms)> Paths);

    public static async Task<Result> MeasureAsync(HttpClient client, string database, long factRows)
    {
        var watch = Stopwatch.StartNew();
        var rows = Direct.Run(database, Sql);
        var directMs = watch.Elapsed.TotalMilliseconds;

        var id = await GraphQLPath.StartAsync(client, Sql);
        await GraphQLPath.ReadAllAsync(client, id, PageSize);  // waits for the run to finish; warms the paths
        watch.Restart();
        var graphqlRows = await GraphQLPath.ReadAllAsync(client, id, PageSize);
        var graphqlMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var displayRows = await GraphQLPath.DisplayAllAsync(client, id, PageSize);
        var displayMs = watch.Elapsed.TotalMilliseconds;
        if (graphqlRows != rows || displayRows != rows || rows != factRows)
        {
            throw new InvalidOperationException($"Row counts differ: DuckDB {rows}, GraphQL {graphqlRows}, display {displayRows}.");
        }

        return new Result(rows, directMs, [("GraphQL `results` paging (finished run)", graphqlMs), ("agent `fetch_results` display paging (finished run)", displayMs)]);
    }
}
