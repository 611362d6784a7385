using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>Marquez's <c>GET /api/v1/events/lineage</c>: paging, sorting and time windows, and every bad value refused.</summary>
public sealed class MarquezEventListingTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new();

    public async Task InitializeAsync()
    {
        using var client = _api.CreateClient();
        for (var hour = 0; hour < 5; hour++)
        {
            var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", $$"""
                {"eventType":"COMPLETE","eventTime":"2026-11-20T{{10 + hour:D2}}:00:00Z","producer":"https://example.test/p",
                 "run":{"runId":"33333333-0000-4000-8000-00000000000{{hour}}"},"job":{"namespace":"paging","name":"job_{{hour}}"},
                 "inputs":[],"outputs":[{"namespace":"paging","name":"out.t{{hour}}"}]}
                """);
            Assert.True(status == 201, $"{status} {body}");
        }
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<(int Status, JsonNode? Body)> GetAsync(string query)
    {
        using var client = _api.CreateClient();
        return await LineageTestData.GetJsonAsync(client, "/api/v1/events/lineage" + query);
    }

    private static List<string?> Jobs(JsonNode body) => [.. body["events"]!.AsArray().Select(e => (string?)e!["job"]!["name"])];

    [Fact]
    public async Task Events_page_by_limit_and_offset_newest_first_with_the_total_of_all_matching()
    {
        var (status, body) = await GetAsync("?limit=2&offset=1");

        Assert.Equal(200, status);
        Assert.Equal(["job_3", "job_2"], Jobs(body!));
        Assert.Equal(5, (int)body!["totalCount"]!);
    }

    [Fact]
    public async Task Events_sort_ascending_within_a_time_window()
    {
        var (status, body) = await GetAsync("?sortDirection=asc&after=2026-11-20T11:00:00Z&before=2026-11-20T14:00:00Z");

        Assert.Equal(200, status);
        Assert.Equal(["job_1", "job_2", "job_3"], Jobs(body!));
        Assert.Equal(3, (int)body!["totalCount"]!);
    }

    [Theory]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=1000000", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?offset=-5", "offset")]
    [InlineData("?offset=99999999999999", "offset")]
    [InlineData("?sortDirection=sideways", "sortDirection")]
    [InlineData("?before=yesterday", "before")]
    [InlineData("?after=2026-11-20", "after")]
    [InlineData("?after=2026-11-21T00:00:00Z&before=2026-11-20T00:00:00Z", "after")]
    public async Task Bad_paging_and_time_values_are_refused_naming_the_parameter(string query, string parameter)
    {
        var (status, body) = await GetAsync(query);

        Assert.Equal(400, status);
        Assert.Contains(parameter, body!.ToJsonString());
    }
}
