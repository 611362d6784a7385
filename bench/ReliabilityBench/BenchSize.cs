using System.Globalization;
using TownLake.Bench;

namespace TownLake.ReliabilityBench;

/// <summary>
/// The sizes of every scenario, from the command line (<c>--datasets 1000000 --edges 1000000 --load-seconds 60 …</c>);
/// the defaults are the targets. Develop with small values; the results file states what ran.
/// </summary>
internal sealed record BenchSize
{
    public int Datasets { get; init; } = 1_000_000;
    public int Edges { get; init; } = 1_000_000;
    public int LoadSeconds { get; init; } = 60;
    public int Clients { get; init; } = 50;
    public int ReplicaWrites { get; init; } = 300;
    public int OutageSeconds { get; init; } = 10;
    public double CrashSeconds { get; init; } = 4;
    public int LakeFiles { get; init; } = 200;
    public string Scenarios { get; init; } = "crash,outage,replicas,load,scale";

    public bool Runs(string scenario) => Scenarios.Split(',').Contains(scenario, StringComparer.OrdinalIgnoreCase);

    public string CommandLine => string.Join(' ',
        $"--datasets {Datasets} --edges {Edges} --load-seconds {LoadSeconds} --clients {Clients} --replica-writes {ReplicaWrites}",
        $"--outage-seconds {OutageSeconds} --crash-seconds {CrashSeconds.ToString(CultureInfo.InvariantCulture)} --lake-files {LakeFiles} --scenarios {Scenarios}");

    public static BenchSize Parse(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var defaults = new BenchSize();
        return new BenchSize
        {
            Datasets = options.GetInt("datasets", defaults.Datasets),
            Edges = options.GetInt("edges", defaults.Edges),
            LoadSeconds = options.GetInt("load-seconds", defaults.LoadSeconds),
            Clients = options.GetInt("clients", defaults.Clients),
            ReplicaWrites = options.GetInt("replica-writes", defaults.ReplicaWrites),
            OutageSeconds = options.GetInt("outage-seconds", defaults.OutageSeconds),
            CrashSeconds = options.GetDouble("crash-seconds", defaults.CrashSeconds),
            LakeFiles = options.GetInt("lake-files", defaults.LakeFiles),
            Scenarios = options.Get("scenarios", defaults.Scenarios),
        };
    }
}
