namespace TownLake.Bench;

/// <summary>Latencies of one kind of request in milliseconds, safe to add to from many clients; nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_lock)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The nearest-rank percentile (NaN when there are no samples).</summary>
    public double Percentile(double percent)
    {
        lock (_lock)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _milliseconds.Order().ToList();
            var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }

    public double Max
    {
        get
        {
            lock (_lock)
            {
                return _milliseconds.Count == 0 ? double.NaN : _milliseconds.Max();
            }
        }
    }

    /// <summary>"p50 / p99 ms", or a dash without samples.</summary>
    public string Summary => Count == 0 ? "–" : $"{Percentile(50):F1} / {Percentile(99):F1} ms";
}
