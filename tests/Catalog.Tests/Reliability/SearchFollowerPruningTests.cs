using System.Text.Json.Nodes;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Sqlite;
using TownLake.Catalog.Tests.Stores;

namespace TownLake.Catalog.Tests.Reliability;

/// <summary>
/// A search index that was away while the change log was pruned past its position (a replica down longer than the
/// retention) rebuilds from the store on its next start instead of catching up from a log with a hole: the writes it
/// missed become searchable, and readiness counts the rebuild.
/// </summary>
public sealed class SearchFollowerPruningTests
{
    [Fact]
    public async Task Search_index_whose_position_was_pruned_rebuilds_from_the_store_and_readiness_counts_it()
    {
        var data = Path.Combine(Path.GetTempPath(), "townlake-prune-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = new CatalogApiFactory(data))
            {
                await first.DataAsync("mutation { upsertDataset(input: { name: \"prune.s.before\", platform: \"duckdb\" }) { urn } }");
            }

            // While the service is away, another writer commits and the log is pruned two days later, past the index.
            var clock = new ManualClock(DateTimeOffset.UtcNow + TimeSpan.FromDays(2));
            var store = new SqliteCatalogStore(Path.Combine(data, "catalog.db"), new CatalogChangeFeed(), clock);
            var missed = Dataset.Create(DatasetName.Parse("prune.s.missed"), clock.GetUtcNow()) with { Platform = "duckdb" };
            await store.SaveAsync<Dataset>(missed.Urn, _ => missed, "another-replica", CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
            var pruning = await store.PruneAsync(TimeSpan.Zero, TimeSpan.FromDays(1), CancellationToken.None);
            Assert.True(pruning.Deleted > 0 && pruning.LiveFollowers == 0, $"nothing pruned: {pruning}");

            await using var second = new CatalogApiFactory(data);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            JsonNode? check = null;
            while (true)
            {
                var found = await second.DataAsync("{ search(query: \"prune.s.missed\", first: 5) { results { entity { urn } } } }");
                using var ready = await second.CreateClient().GetAsync("/health/ready");
                check = JsonNode.Parse(await ready.Content.ReadAsStringAsync())?["checks"]?["catalog"];
                if (found["search"]!["results"]!.AsArray().Any(r => (string?)r!["entity"]!["urn"] == missed.Urn) && (int?)check?["data"]?["searchRebuiltAfterPruning"] == 1)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"the missed write is not searchable after a minute; readiness: {check?.ToJsonString()}");
                await Task.Delay(100);
            }

            Assert.Equal("Healthy", (string?)check?["status"]);
            Assert.Equal(0, (int?)check?["data"]?["lineageRebuiltAfterPruning"]);
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
