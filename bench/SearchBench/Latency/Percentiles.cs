namespace TownLake.SearchBench.Latency;

/// <summary>Latency percentiles of one series of timings, in milliseconds.</summary>
internal sealed record Percentiles(double P50, double P95, double P99, double Mean, double Max)
{
    public static Percentiles Of(IEnumerable<double> timings)
    {
        var sorted = timings.Order().ToList();
        if (sorted.Count == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0);
        }

        return new Percentiles(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), sorted.Average(), sorted[^1]);
    }

    public string Row => $"{P50:0.00} / {P95:0.00} / **{P99:0.00}** ms";

    private static double At(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}

/// <summary>Timings of a query run, each tagged with the kind of query (<see cref="QueryGenerator.Kinds"/>).</summary>
internal sealed class Timings
{
    private readonly List<(int Kind, double Milliseconds)> _values = [];

    /// <summary>Process CPU time over the whole run divided by the queries (warm-up included), when measured.</summary>
    public double CpuMillisecondsPerQuery { get; set; }

    public void Add(int kind, double milliseconds) => _values.Add((kind, milliseconds));

    /// <summary>All timings of several runs, with their mean CPU time per query.</summary>
    public static Timings Merge(IReadOnlyList<Timings> runs)
    {
        var merged = new Timings { CpuMillisecondsPerQuery = runs.Count == 0 ? 0 : runs.Average(run => run.CpuMillisecondsPerQuery) };
        foreach (var run in runs)
        {
            merged._values.AddRange(run._values);
        }

        return merged;
    }

    public Percentiles All => Percentiles.Of(_values.Select(value => value.Milliseconds));

    public Percentiles OfKind(int kind) => Percentiles.Of(_values.Where(value => value.Kind == kind).Select(value => value.Milliseconds));
}
