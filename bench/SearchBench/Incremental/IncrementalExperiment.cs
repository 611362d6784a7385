using System.Diagnostics;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.SearchBench.Latency;

namespace TownLake.SearchBench.Incremental;

/// <summary>
/// The <c>incremental</c> subcommand: the same generated catalog and queries on three on-disk indexes, one bulk-built by
/// <c>SearchIndex.OpenAsync</c> and two grown by upserts in batches each followed by a refresh (as the service's change
/// feed writes): one never left idle, one after its idle merge. Shows what many small segments cost a search.
/// </summary>
internal static class IncrementalExperiment
{
    public static async Task<int> RunAsync(int datasets, int queryCount, int batch, int passes, CancellationToken cancellationToken)
    {
        var documents = new CatalogGenerator(42).Generate(datasets, 20).ToList();
        var queries = new QueryGenerator(43).Generate(queryCount + LatencyBenchmark.WarmupQueries);
        var root = Path.Combine(Path.GetTempPath(), $"townlake-incremental-{Environment.ProcessId}");
        try
        {
            var clock = Stopwatch.StartNew();
            await using var bulk = await SearchIndex.OpenAsync(new SearchIndexOptions { DirectoryPath = Path.Combine(root, "bulk") }, _ => documents.ToAsyncEnumerable(), cancellationToken);
            Console.WriteLine($"Bulk build: {clock.Elapsed.TotalSeconds:0.0} s, {bulk.SegmentCount} segments");

            // Never idle long enough to be merged down while it is measured.
            await using var busy = await GrowAsync(Path.Combine(root, "busy"), TimeSpan.FromHours(1), documents, batch, cancellationToken);
            await using var idle = await GrowAsync(Path.Combine(root, "idle"), new SearchIndexOptions().IdleMergeDelay, documents, batch, cancellationToken);
            clock.Restart();
            while (idle.SegmentCount > new SearchIndexOptions().IdleMaxSegments && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                await Task.Delay(100, cancellationToken);
            }

            Console.WriteLine($"Idle merge: {idle.SegmentCount} segments {clock.Elapsed.TotalSeconds:0.0} s after the last write");
            documents = null;
            GC.Collect();

            var indexes = new (string Name, SearchIndex Index)[] { ("bulk-built", bulk), ($"grown, {busy.SegmentCount} segments", busy), ($"grown, idle-merged", idle) };
            var shapes = new (string Name, Func<SearchRequest, SearchRequest> Shape)[]
            {
                ("full request", request => request),
                ("ranking only", request => request with { IncludeFacets = false, Explain = false }),
            };
            Console.WriteLine($"| Index | Segments | {string.Join(" | ", shapes.Select(shape => shape.Name + " p50 / p95 / p99"))} |");
            var results = indexes.ToDictionary(index => index.Name, _ => shapes.Select(_ => new List<Timings>()).ToArray());
            for (var pass = 0; pass < passes; pass++)
            {
                // Interleaved, so a burst of load from other tenants of the machine hits all indexes alike.
                foreach (var (name, index) in indexes)
                {
                    for (var shape = 0; shape < shapes.Length; shape++)
                    {
                        results[name][shape].Add(LatencyBenchmark.Measure(index, queries, shapes[shape].Shape, cancellationToken));
                    }
                }
            }

            foreach (var (name, index) in indexes)
            {
                Console.WriteLine($"| {name} | {index.SegmentCount} | {string.Join(" | ", results[name].Select(runs => Timings.Merge(runs).All.Row))} |");
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return 0;
    }

    private static async Task<SearchIndex> GrowAsync(string directory, TimeSpan idleMergeDelay, IReadOnlyList<SearchDocument> documents, int batch, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var index = await SearchIndex.OpenAsync(
            new SearchIndexOptions { DirectoryPath = directory, IdleMergeDelay = idleMergeDelay },
            _ => AsyncEnumerable.Empty<SearchDocument>(),
            cancellationToken);
        foreach (var chunk in documents.Chunk(batch))
        {
            foreach (var document in chunk)
            {
                await index.UpsertAsync(document, cancellationToken);
            }

            await index.RefreshAsync(cancellationToken);
        }

        Console.WriteLine($"Grown in batches of {batch}: {clock.Elapsed.TotalSeconds:0.0} s, {index.SegmentCount} segments after the last write");
        return index;
    }
}
