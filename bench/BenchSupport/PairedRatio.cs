namespace TownLake.Bench;

/// <summary>
/// The ratio of two paths measured in interleaved pairs (candidate run i right after baseline run i, so both see the
/// same machine load), as the median of the per-pair ratios with a 95% bootstrap confidence interval. A target like
/// "overhead &lt; 1.10×" is met only when the interval's upper bound is below it: a median alone inside the run-to-run
/// noise proves nothing.
/// </summary>
public sealed record PairedRatio(double Median, double Low, double High, int Pairs)
{
    private const int Resamples = 2_000;

    public static PairedRatio Of(IReadOnlyList<double> baseline, IReadOnlyList<double> candidate)
    {
        if (baseline.Count != candidate.Count || baseline.Count == 0)
        {
            throw new ArgumentException("Paired ratios need the same, non-zero number of baseline and candidate samples.");
        }

        var ratios = baseline.Zip(candidate, (b, c) => c / b).ToArray();
        // A fixed seed: the interval of one run's samples is reproducible from the samples.
        var random = new Random(20261130);
        var medians = new double[Resamples];
        var sample = new double[ratios.Length];
        for (var r = 0; r < Resamples; r++)
        {
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = ratios[random.Next(ratios.Length)];
            }

            medians[r] = MedianOf(sample);
        }

        Array.Sort(medians);
        return new PairedRatio(MedianOf(ratios), medians[(int)(Resamples * 0.025)], medians[(int)(Resamples * 0.975) - 1], ratios.Length);
    }

    public override string ToString() => $"{Median:0.00}× (95% CI {Low:0.00}–{High:0.00}, {Pairs} interleaved pairs)";

    private static double MedianOf(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
