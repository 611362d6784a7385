using System.Diagnostics;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Tests.Support;
using Xunit.Abstractions;

namespace TownLake.Search.Tests.Indexing;

public class WriteTests(ITestOutputHelper output)
{
    /// <summary>
    /// Generous on purpose: on a shared machine wall-clock time says little, so this test proves the write arrives without
    /// an explicit refresh and reports the latency; the one-second promise is measured by the search latency benchmark.
    /// </summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_write_becomes_searchable_without_an_explicit_refresh()
    {
        await using var index = await TestIndex.InMemoryAsync(Datasets.Table("wh", "sales", "orders", "order_id"));
        var added = Datasets.Table("wh", "ops", "warehouse_shipments", "shipment_id");
        // The promise is about refresh, not about compiling the search path: search once before the clock starts.
        Assert.Empty(index.Urns("warehouse shipments"));

        var clock = Stopwatch.StartNew();
        await index.UpsertAsync(added);
        while (!index.Urns("warehouse shipments").Contains(added.Urn) && clock.Elapsed < Deadline)
        {
            await Task.Delay(10);
        }

        var latency = clock.Elapsed;
        output.WriteLine($"searchable after {latency.TotalMilliseconds:F0} ms (refresh interval {new SearchIndexOptions().RefreshInterval.TotalMilliseconds:F0} ms)");
        Assert.Contains(added.Urn, index.Urns("warehouse shipments"));
    }

    [Fact]
    public async Task Upsert_of_the_same_urn_replaces_the_document()
    {
        var original = Datasets.Table("wh", "sales", "orders", "order_id");
        await using var index = await TestIndex.InMemoryAsync(original);

        await index.UpsertAsync(original with { Description = "Every purchase made in the web shop." });
        await index.RefreshAsync();

        Assert.Equal(1, index.Count);
        Assert.Equal([original.Urn], index.Urns("purchase"));
    }

    [Fact]
    public async Task Delete_removes_the_document_from_results()
    {
        var orders = Datasets.Table("wh", "sales", "orders", "order_id");
        await using var index = await TestIndex.InMemoryAsync(orders, Datasets.Table("wh", "sales", "order_lines", "order_id"));

        await index.DeleteAsync(orders.Urn);
        await index.RefreshAsync();

        Assert.DoesNotContain(orders.Urn, index.Urns("orders"));
    }

    [Fact]
    public async Task A_document_without_urn_is_rejected_with_a_clear_error()
    {
        await using var index = await TestIndex.InMemoryAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Datasets.Table("wh", "s", "t") with { Urn = " " }));

        Assert.Contains("Urn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_are_durable_after_dispose()
    {
        using var directory = new TempDirectory();
        var added = Datasets.Table("wh", "ops", "returns", "return_id");
        await using (var index = await TestIndex.OnDiskAsync(directory.Path, []))
        {
            await index.UpsertAsync(added);
        }

        await using var reopened = await SearchIndex.OpenAsync(new SearchIndexOptions { DirectoryPath = directory.Path }, _ => AsyncEnumerable.Empty<SearchDocument>());

        Assert.Equal(IndexOpenOutcome.OpenedExisting, reopened.OpenOutcome);
        Assert.Equal([added.Urn], reopened.Urns("returns"));
    }
}
