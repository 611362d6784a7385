using System.Collections.Concurrent;
using TownLake.ServiceProcess;
using TownLake.TestSupport;

namespace TownLake.EndToEnd.Tests.Reliability;

/// <summary>
/// PostgreSQL stopped while clients are mid-request (upserts, searches, dataset reads, as the reliability bench's outage
/// run does): whatever a request was doing when the database went away, it answers SOURCE_UNAVAILABLE, never INTERNAL.
/// </summary>
public sealed class OutageUnderLoadTests
{
    [SkippableFact]
    public async Task Requests_caught_mid_flight_by_a_postgres_stop_answer_source_unavailable_never_internal()
    {
        await using var server = await PostgresServer.StartAsync();
        Skip.If(server is null || !server.IsThrowaway, PostgresServer.UnavailableReason ?? "TOWNLAKE_TEST_POSTGRES names a server this test must not stop");
        var connection = await server!.CreateDatabaseAsync("outage_load") + ";Timeout=3";
        var data = TestData.NewDirectory("outage-load");
        try
        {
            await using var service = await CatalogProcess.StartAsync(data, new Dictionary<string, string>
            {
                ["TownLake:Store"] = "postgres",
                ["TownLake:PostgresConnectionString"] = connection,
            });
            await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
            for (var c = 0; c < 6; c++)
            {
                Assert.True(await service.UpsertDatasetAsync($"outage.c{c}.t0"));
            }

            var codes = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 6).Select(c => Task.Run(async () =>
            {
                for (var n = 1; !stop.IsCancellationRequested; n++)
                {
                    var (query, variables) = (n % 3) switch
                    {
                        0 => ("mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }",
                            (object)new { input = new { name = $"outage.c{c}.t{n}", platform = "duckdb", description = "d", columns = new[] { new { name = "id", type = "BIGINT" } } } }),
                        1 => ("query($q: String!) { search(query: $q, first: 10) { total results { entity { urn } } } }", new { q = "outage" }),
                        _ => ("query($n: String!) { dataset(name: $n) { urn description } }", new { n = $"outage.c{c}.t0" }),
                    };
                    var (_, body) = await service.GraphQLAsync(query, variables);
                    if ((string?)body["errors"]?[0]?["extensions"]?["code"] is { } code)
                    {
                        codes.Add(code);
                    }
                }
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(2));
            await server.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await stop.CancelAsync();
            await Task.WhenAll(clients);
            await server.StartAgainAsync();

            var unhandled = service.Log.Where(l => l.Contains("Unhandled error", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).Take(40);
            Assert.True(codes.All(c => c == "SOURCE_UNAVAILABLE"),
                $"answers: {string.Join(", ", codes.GroupBy(c => c).Select(g => $"{g.Key} × {g.Count()}"))}\n{string.Join('\n', unhandled)}");
            Assert.NotEmpty(codes);
        }
        finally
        {
            TestData.Delete(data);
        }
    }
}
