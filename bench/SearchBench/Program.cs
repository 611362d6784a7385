using TownLake.Bench;
using TownLake.SearchBench.Latency;
using TownLake.SearchBench.Retrieval;
using TownLake.SearchBench.Scale;

namespace TownLake.SearchBench;

/// <summary>
/// The search benchmarks' entry point. A class with <c>Main</c>, not top-level statements: those would declare a
/// global <c>Program</c> that clashes with the Catalog service's <c>Program</c>, which the API modes host.
/// </summary>
internal static class SearchBenchProgram
{
    private const string Usage = """
        Usage: SearchBench <command> [options]
          retrieval [--data <dir>] [--via all|library|api] [--no-write] [--allow-dirty]
                    table retrieval on a tables.json + questions.json set (default ../shared/benchmarks/retrieval/spider,
                    relative to the repo root); --via all (default) runs the BM25 baseline, the library and the service's
                    GraphQL API in one run, library skips the service, api skips the library
          latency [--datasets <n>] [--columns-per-dataset <n>] [--queries <n>] [--seed <n>] [--passes <n>] [--via all|library|http] [--no-write] [--allow-dirty]
                    index build rate and search latency on a generated catalog: in process (library) and through the
                    service's GraphQL endpoint over HTTP (store loaded with DatasetService.UpsertManyAsync)
          scale [--datasets <n>[,<n>...]] [--queries <n>] [--passes <n>] [--seed <n>] [--no-write] [--allow-dirty]
                    in-process search latency on the reliability benchmark's scale catalog (default 200000,1000000
                    datasets), where some query words are in every document: common-word handling off and on, same run
          incremental [--datasets <n>] [--queries <n>] [--batch <n>] [--passes <n>]
                    search latency of a bulk-built index against indexes grown by upserts in batches (each followed by a
                    refresh, as the service writes), before and after their idle merge; prints a table, writes no file
        """;

    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var options = BenchOptions.Parse(args.Skip(1).ToArray());
            return args[0] switch
            {
                "retrieval" => await RetrievalBenchmark.RunAsync(
                    options.Get("data", "../shared/benchmarks/retrieval/spider"),
                    options.Get("via", "all"),
                    options.Has("no-write") ? null : RunProvenance.Capture("bench/SearchBench", args),
                    cancellation.Token),
                "latency" => await LatencyBenchmark.RunAsync(
                    new LatencySettings(
                        options.GetInt("datasets", 100_000),
                        options.GetInt("columns-per-dataset", 20),
                        options.GetInt("queries", 3_000),
                        options.GetInt("seed", 42),
                        options.Get("via", "all"),
                        options.GetInt("passes", 3)),
                    options.Has("no-write") ? null : RunProvenance.Capture("bench/SearchBench", args),
                    cancellation.Token),
                "scale" => await ScaleBenchmark.RunAsync(
                    new ScaleSettings(
                        options.Has("datasets") ? options.Get("datasets", "").Split(',').Select(int.Parse).ToList() : ScaleBenchmark.ScaleDefaults,
                        options.GetInt("queries", 300),
                        options.GetInt("passes", 2),
                        options.GetInt("seed", 7)),
                    options.Has("no-write") ? null : RunProvenance.Capture("bench/SearchBench", args),
                    cancellation.Token),
                "incremental" => await Incremental.IncrementalExperiment.RunAsync(
                    options.GetInt("datasets", 30_000), options.GetInt("queries", 1_000), options.GetInt("batch", 500), options.GetInt("passes", 2), cancellation.Token),
                _ => Fail($"Unknown command '{args[0]}'.\n{Usage}"),
            };
        }
        catch (Exception error) when (error is ArgumentException or FileNotFoundException or InvalidOperationException or FormatException)
        {
            return Fail(error.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
