using TownLake.SearchBench;
using TownLake.SearchBench.Latency;
using TownLake.SearchBench.Retrieval;

const string Usage = """
    Usage: SearchBench <command> [options]
      retrieval [--data <dir>] [--no-write]   table retrieval on a tables.json + questions.json set
                                              (default ../shared/benchmarks/retrieval/spider, relative to the repo root)
      latency [--datasets <n>] [--columns-per-dataset <n>] [--queries <n>] [--seed <n>] [--no-write]
                                              index build rate, search latency and memory on a generated catalog
    """;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = BenchOptions.Parse(args.Skip(1).ToArray());
try
{
    return args[0] switch
    {
        "retrieval" => await RetrievalBenchmark.RunAsync(
            options.Get("data", "../shared/benchmarks/retrieval/spider"),
            options.Has("no-write") ? null : RepoPaths.Results("search-retrieval.md"),
            cancellation.Token),
        "latency" => await LatencyBenchmark.RunAsync(
            new LatencySettings(
                options.GetInt("datasets", 100_000),
                options.GetInt("columns-per-dataset", 20),
                options.GetInt("queries", 3_000),
                options.GetInt("seed", 42)),
            options.Has("no-write") ? null : RepoPaths.Results("search-latency.md"),
            cancellation.Token),
        _ => Fail($"Unknown command '{args[0]}'.\n{Usage}"),
    };
}
catch (Exception error) when (error is ArgumentException or FileNotFoundException or InvalidOperationException)
{
    return Fail(error.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
