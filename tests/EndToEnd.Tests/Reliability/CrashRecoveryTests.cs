using TownLake.ServiceProcess;
using TownLake.TestSupport;

namespace TownLake.EndToEnd.Tests.Reliability;

/// <summary>
/// kill -9 while writers are acknowledged, then a restart over the same data: every acknowledged write is searchable
/// and in the lineage graph, and the index was caught up from its last commit rather than rebuilt.
/// </summary>
[Collection(ReliabilityPostgres.Name)]
public sealed class CrashRecoveryTests(PostgresFixture postgres)
{
    [Fact]
    public Task Every_acknowledged_upsert_is_searchable_after_kill_9_on_sqlite() => KillDuringWritesAsync(new Dictionary<string, string>());

    [SkippableFact]
    public async Task Every_acknowledged_upsert_is_searchable_after_kill_9_on_postgres()
    {
        var connection = await postgres.RequireServer().CreateDatabaseAsync("crash");
        await KillDuringWritesAsync(new Dictionary<string, string> { ["TownLake:Store"] = "postgres", ["TownLake:PostgresConnectionString"] = connection });
    }

    private static async Task KillDuringWritesAsync(Dictionary<string, string> settings)
    {
        var data = TestData.NewDirectory("crash");
        try
        {
            IReadOnlyList<string> acknowledged;
            await using (var first = await CatalogProcess.StartAsync(data, settings))
            {
                await first.WaitReadyAsync(TimeSpan.FromSeconds(60));
                Assert.Equal(201, await first.PostLineageAsync("crash.src.orders", "crash.mart.totals"));
                Assert.True(await first.UpsertDatasetAsync("crash.warm.up"));
                using var stop = new CancellationTokenSource();
                var counter = new TestData.Counter();
                var writes = TestData.UpsertUntilAsync(first, "crash", writers: 4, stop.Token, counter);
                // Killed while the writers are still going, once a good number were acknowledged and well inside the
                // index's 5 s commit interval: the kill lands with writes the index applied but never committed.
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (counter.Value < 60 && clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(20);
                }

                await first.KillAsync();
                stop.Cancel();
                acknowledged = await writes;
            }

            Assert.True(acknowledged.Count > 20, $"only {acknowledged.Count} writes were acknowledged before the kill");
            await using var second = await CatalogProcess.StartAsync(data, settings);
            await second.WaitReadyAsync(TimeSpan.FromSeconds(60));

            Assert.Contains("Search index OpenedExisting", second.LogText);
            var missing = await TestData.UnsearchableAsync(second, acknowledged);
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes are not searchable, e.g. {string.Join(", ", missing.Take(5))}");
            Assert.Contains("urn:tl:dataset:crash.src.orders", await second.UpstreamAsync("urn:tl:dataset:crash.mart.totals"));
        }
        finally
        {
            TestData.Delete(data);
        }
    }
}
