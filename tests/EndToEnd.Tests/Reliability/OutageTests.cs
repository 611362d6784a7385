using TownLake.ServiceProcess;
using System.Diagnostics;
using TownLake.TestSupport;

namespace TownLake.EndToEnd.Tests.Reliability;

/// <summary>
/// PostgreSQL stopped under a running service: requests that need it fail fast with SOURCE_UNAVAILABLE, readiness
/// says so, liveness does not; when it is back the service recovers by itself and nothing written is lost.
/// </summary>
public sealed class OutageTests
{
    [SkippableFact]
    public async Task Requests_fail_fast_with_source_unavailable_while_postgres_is_down_and_the_service_recovers_by_itself()
    {
        // A server of its own: stopping the shared one would fail the other classes' tests.
        await using var server = await PostgresServer.StartAsync();
        Skip.If(server is null || !server.IsThrowaway, PostgresServer.UnavailableReason ?? "TOWNLAKE_TEST_POSTGRES names a server this test must not stop");
        var connection = await server!.CreateDatabaseAsync("outage");
        var data = TestData.NewDirectory("outage");
        try
        {
            await using var service = await CatalogProcess.StartAsync(data, new Dictionary<string, string>
            {
                ["TownLake:Store"] = "postgres",
                ["TownLake:PostgresConnectionString"] = connection,
            });
            await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
            Assert.True(await service.UpsertDatasetAsync("outage.s.before"));

            await server.StopAsync();
            var clock = Stopwatch.StartNew();
            var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                service.GraphQLAsync("mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }", new { input = new { name = $"outage.s.during{i}" } })));
            var elapsed = clock.Elapsed;
            using var ready = await service.Http.GetAsync("/health/ready");
            using var live = await service.Http.GetAsync("/health/live");

            Assert.All(answers, a => Assert.Equal("SOURCE_UNAVAILABLE", (string?)a.Body["errors"]?[0]?["extensions"]?["code"]));
            // Fast means no request waits out a connect timeout (15 s); the slack is for the shared test machine.
            Assert.True(elapsed < TimeSpan.FromSeconds(10), $"20 concurrent requests took {elapsed} to fail while the database was down");
            Assert.Equal(503, (int)ready.StatusCode);
            Assert.Equal(200, (int)live.StatusCode);

            await server.StartAgainAsync();
            await service.WaitReadyAsync(TimeSpan.FromSeconds(30));
            Assert.True(await service.UpsertDatasetAsync("outage.s.after"));
            var deadline = Stopwatch.StartNew();
            while (!(await service.SearchFindsAsync("outage.s.before") && await service.SearchFindsAsync("outage.s.after")))
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "writes from before and after the outage are not both searchable");
                await Task.Delay(50);
            }
        }
        finally
        {
            TestData.Delete(data);
        }
    }
}
