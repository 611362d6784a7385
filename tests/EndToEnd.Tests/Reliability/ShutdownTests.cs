using TownLake.ServiceProcess;
using System.Text.RegularExpressions;

namespace TownLake.EndToEnd.Tests.Reliability;

/// <summary>
/// SIGTERM while requests are in flight: they finish, the process exits 0 after committing the index at the store's
/// newest change, and the next start has nothing to catch up.
/// </summary>
public sealed partial class ShutdownTests
{
    [Fact]
    public async Task Sigterm_drains_in_flight_writes_and_commits_the_index_at_the_newest_change()
    {
        var data = TestData.NewDirectory("sigterm");
        try
        {
            IReadOnlyList<string> acknowledged;
            await using (var service = await CatalogProcess.StartAsync(data))
            {
                await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
                Assert.True(await service.UpsertDatasetAsync("drain.warm.up"));
                using var stop = new CancellationTokenSource();
                var writes = TestData.UpsertUntilAsync(service, "drain", writers: 4, stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(1.5));
                Assert.Equal(0, await service.TerminateAsync(TimeSpan.FromSeconds(30)));
                stop.Cancel();
                acknowledged = await writes;
                var committed = CommittedOnShutdown().Match(service.LogText);
                Assert.True(committed.Success, "no index commit was logged on shutdown:\n" + service.LogText);
            }

            await using var restarted = await CatalogProcess.StartAsync(data);
            await restarted.WaitReadyAsync(TimeSpan.FromSeconds(60));
            var opened = OpenedAt().Match(restarted.LogText);
            Assert.True(opened.Success, restarted.LogText);
            Assert.Equal(opened.Groups["head"].Value, opened.Groups["at"].Value);
            Assert.Empty(await TestData.UnsearchableAsync(restarted, acknowledged));
        }
        finally
        {
            TestData.Delete(data);
        }
    }

    [GeneratedRegex(@"Search index committed at change (\d+) on shutdown")]
    private static partial Regex CommittedOnShutdown();

    [GeneratedRegex(@"Search index OpenedExisting: \d+ documents in \S+, at change (?<at>\d+) of (?<head>\d+)")]
    private static partial Regex OpenedAt();
}
