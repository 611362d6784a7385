using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Discovery;
using TownLake.Catalog.Users;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.SearchBench.Service;

namespace TownLake.SearchBench.Latency;

/// <summary>What the service run measured.</summary>
/// <param name="Search">The GraphQL search request over HTTP.</param>
/// <param name="IndexOnly">The same searches straight on the service's <c>CatalogSearch</c> (its index, no GraphQL, no HTTP, no entity loads).</param>
/// <param name="SegmentsAfterLoad">Segments of the service's index when it had caught up with the store.</param>
/// <param name="SegmentsWhenSearched">Segments when the searches ran (after its idle merge, if that finished within a minute).</param>
internal sealed record ServiceLatencyResult(TimeSpan StoreLoad, TimeSpan IndexCatchUp, int Datasets, Timings Search, Timings IndexOnly, int SegmentsAfterLoad, int SegmentsWhenSearched, TimeSpan IdleMerge);

/// <summary>
/// Search latency through the service: the generated catalog is written to the service's store with
/// <c>DatasetService.UpsertManyAsync</c> (GraphQL mutations would take an hour at this size), the service's own index
/// follows the store's change feed, then each query is one GraphQL <c>search</c> request over HTTP (Kestrel on a
/// loopback port) asking for what the search page shows: total, facets, highlights and each hit's entity.
/// </summary>
internal static class ServiceLatency
{
    private const int BatchSize = 500;

    private const string SearchPageQuery = """
        query($q: String!) {
          search(query: $q, first: 10) {
            total nextCursor
            facets { field values { value count } }
            results { score matchedFields relatedUrns highlights { field value snippet } entity { urn name type ... on Dataset { platform description } } }
          }
        }
        """;

    public static async Task<ServiceLatencyResult> RunAsync(
        IEnumerable<SearchDocument> documents,
        IReadOnlyList<string> queries,
        int warmup,
        CancellationToken cancellationToken)
    {
        await using var service = InProcessCatalog.Start();
        var datasets = service.Services.GetRequiredService<DatasetService>();
        var caller = new Caller("searchbench", ["admins"], IsAuthenticated: true, IsAdmin: true);
        var count = 0;
        var load = Stopwatch.StartNew();
        foreach (var batch in documents.Select(ToUpsert).Chunk(BatchSize))
        {
            await datasets.UpsertManyAsync(batch, caller, cancellationToken);
            count += batch.Length;
            if (count % 20_000 == 0)
            {
                Console.WriteLine($"  stored {count:N0} datasets ({load.Elapsed.TotalSeconds:0} s)");
            }
        }

        load.Stop();
        var catchUp = Stopwatch.StartNew();
        await service.WaitForIndexedDatasetsAsync(count, TimeSpan.FromMinutes(10), cancellationToken);
        catchUp.Stop();
        Console.WriteLine($"Service: stored {count:N0} datasets in {load.Elapsed.TotalSeconds:0.0} s; index caught up {catchUp.Elapsed.TotalSeconds:0.0} s later");

        // The searches are timed on the index as it settles once writes pause (merged down), not mid-merge.
        var catalogSearch = service.Services.GetRequiredService<CatalogSearch>();
        var segmentsAfterLoad = catalogSearch.SegmentCount ?? 0;
        var merge = Stopwatch.StartNew();
        while (catalogSearch.SegmentCount > new SearchIndexOptions().IdleMaxSegments && merge.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(100, cancellationToken);
        }

        merge.Stop();
        var segmentsWhenSearched = catalogSearch.SegmentCount ?? 0;
        Console.WriteLine($"Service index: {segmentsAfterLoad} segments when caught up, {segmentsWhenSearched} after {merge.Elapsed.TotalSeconds:0.0} s");

        // The service's own index in process, to split the HTTP time into search and API (GraphQL, entity loads, JSON).
        var indexOnly = new Timings();
        for (var i = 0; i < queries.Count; i++)
        {
            var timer = Stopwatch.StartNew();
            await catalogSearch.SearchAsync(new SearchRequest { Query = queries[i], Limit = 10 }, cancellationToken);
            timer.Stop();
            if (i >= warmup)
            {
                indexOnly.Add(i % QueryGenerator.Kinds.Length, timer.Elapsed.TotalMilliseconds);
            }
        }

        var timings = new Timings();
        for (var i = 0; i < queries.Count; i++)
        {
            var timer = Stopwatch.StartNew();
            await service.GraphQLAsync(SearchPageQuery, new { q = queries[i] }, cancellationToken);
            timer.Stop();
            if (i >= warmup)
            {
                timings.Add(i % QueryGenerator.Kinds.Length, timer.Elapsed.TotalMilliseconds);
            }
        }

        return new ServiceLatencyResult(load.Elapsed, catchUp.Elapsed, count, timings, indexOnly, segmentsAfterLoad, segmentsWhenSearched, merge.Elapsed);
    }

    /// <summary>The generated dataset as an ingestion would describe it (signals the store cannot hold, such as a query count, are dropped).</summary>
    private static DatasetUpsert ToUpsert(SearchDocument document) => new()
    {
        Name = document.Name,
        Platform = document.Platform,
        Kind = document.Kind == "view" ? DatasetKind.View : DatasetKind.Table,
        Description = document.Description,
        Columns = document.Columns.Select(column => new ColumnUpsert { Name = column.Name, Type = column.Type, Description = column.Description }).ToList(),
        Tags = document.Signals.Curated ? [.. document.Tags, "curated"] : document.Tags,
        Owners = document.Owners.Select(owner => new Ownership(owner, OwnerKind.User, OwnershipType.TechnicalOwner)).ToList(),
        Domain = document.Domain,
    };
}
