using System.Globalization;

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

    public static BenchSize Parse(IReadOnlyList<string> args)
    {
        var size = new BenchSize();
        for (var i = 0; i + 1 < args.Count; i++)
        {
            var value = args[i + 1];
            size = args[i] switch
            {
                "--datasets" => size with { Datasets = int.Parse(value, CultureInfo.InvariantCulture) },
                "--edges" => size with { Edges = int.Parse(value, CultureInfo.InvariantCulture) },
                "--load-seconds" => size with { LoadSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--clients" => size with { Clients = int.Parse(value, CultureInfo.InvariantCulture) },
                "--replica-writes" => size with { ReplicaWrites = int.Parse(value, CultureInfo.InvariantCulture) },
                "--outage-seconds" => size with { OutageSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--crash-seconds" => size with { CrashSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--lake-files" => size with { LakeFiles = int.Parse(value, CultureInfo.InvariantCulture) },
                "--scenarios" => size with { Scenarios = value },
                _ => size,
            };
        }

        return size;
    }
}
