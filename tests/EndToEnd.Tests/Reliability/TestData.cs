using TownLake.ServiceProcess;

namespace TownLake.EndToEnd.Tests.Reliability;

/// <summary>Throwaway data directories and concurrent writers for the reliability tests.</summary>
internal static class TestData
{
    public static string NewDirectory(string purpose) => Path.Combine(Path.GetTempPath(), $"townlake-{purpose}-{Guid.NewGuid():N}");

    public static void Delete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // left for the OS's temp cleaning
        }
    }

    /// <summary>
    /// Runs <paramref name="writers"/> loops upserting datasets named <c>{prefix}.w{writer}.t{n}</c> until <paramref name="stop"/>
    /// is cancelled; returns the names whose upsert was acknowledged. Failures (the process died) just end a loop.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UpsertUntilAsync(CatalogProcess service, string prefix, int writers, CancellationToken stop, Counter? counter = null)
    {
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var name = $"{prefix}.w{w}.t{n}";
                try
                {
                    if (await service.UpsertDatasetAsync(name, CancellationToken.None))
                    {
                        acknowledged.Add(name);
                        counter?.Increment();
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    return;
                }
            }
        })));
        return [.. acknowledged];
    }

    /// <summary>A count other tasks can watch.</summary>
    public sealed class Counter
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }

    /// <summary>The names an exact-name search does not find (8 searches at a time).</summary>
    public static async Task<IReadOnlyList<string>> UnsearchableAsync(CatalogProcess service, IEnumerable<string> names)
    {
        var missing = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, ct) =>
        {
            if (!await service.SearchFindsAsync(name, ct))
            {
                missing.Add(name);
            }
        });
        return [.. missing];
    }
}
