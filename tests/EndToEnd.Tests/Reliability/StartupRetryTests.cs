using TownLake.ServiceProcess;
using TownLake.TestSupport;

namespace TownLake.EndToEnd.Tests.Reliability;

/// <summary>
/// A service started while its PostgreSQL is down: it stays up, live but not ready, says why in its log and readiness,
/// answers requests 503 SOURCE_UNAVAILABLE, and starts normally by itself once the database is there.
/// </summary>
public sealed class StartupRetryTests
{
    [SkippableFact]
    public async Task Service_started_before_its_database_waits_live_but_not_ready_and_starts_when_the_database_comes_up()
    {
        await using var server = await PostgresServer.StartAsync();
        Skip.If(server is null || !server.IsThrowaway, PostgresServer.UnavailableReason ?? "TOWNLAKE_TEST_POSTGRES names a server this test must not stop");
        var connection = await server!.CreateDatabaseAsync("startup");
        await server.StopAsync();
        var data = TestData.NewDirectory("startup");
        try
        {
            await using var service = await CatalogProcess.StartAsync(data, new Dictionary<string, string>
            {
                ["TownLake:Store"] = "postgres",
                ["TownLake:PostgresConnectionString"] = connection,
                ["TownLake:Operations:StoreStartupRetryMax"] = "00:00:02",
            });

            using (var live = await service.Http.GetAsync("/health/live"))
            using (var ready = await service.Http.GetAsync("/health/ready"))
            {
                Assert.Equal(200, (int)live.StatusCode);
                Assert.Equal(503, (int)ready.StatusCode);
                Assert.Contains("waiting for the catalog store", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var (status, body) = await service.GraphQLAsync("mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }", new { input = new { name = "startup.s.early" } });
            Assert.Equal(503, status);
            Assert.Equal("SOURCE_UNAVAILABLE", (string?)body["errors"]?[0]?["extensions"]?["code"]);
            using (var rest = await service.Http.GetAsync("/api/v1/namespaces"))
            {
                Assert.Equal(503, (int)rest.StatusCode);
            }

            Assert.Contains("unreachable at start-up", service.LogText, StringComparison.Ordinal);
            Assert.False(service.HasExited);

            await server.StartAgainAsync();
            await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
            Assert.True(await service.UpsertDatasetAsync("startup.s.after"));
            Assert.Contains("Catalog store reachable after", service.LogText, StringComparison.Ordinal);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!await service.SearchFindsAsync("startup.s.after"))
            {
                Assert.True(DateTime.UtcNow < deadline, "a write after the delayed start-up is not searchable");
                await Task.Delay(50);
            }
        }
        finally
        {
            TestData.Delete(data);
        }
    }

    [Fact]
    public async Task Service_with_a_wrong_store_retry_setting_refuses_to_start_naming_it()
    {
        var data = TestData.NewDirectory("startup-setting");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CatalogProcess.StartAsync(data, new Dictionary<string, string>
            {
                ["TownLake:Operations:StoreStartupRetryMax"] = "00:00:00",
            }));
            Assert.Contains("StoreStartupRetryMax", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestData.Delete(data);
        }
    }
}
