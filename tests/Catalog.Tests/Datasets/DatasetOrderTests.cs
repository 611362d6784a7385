using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Tests.Datasets;

/// <summary>A catalog of its own with audited queries and edits, so the browse orders have something to sort.</summary>
public sealed class OrderedCatalogFixture : IAsyncLifetime
{
    /// <summary>Datasets with how many successful queries read each one.</summary>
    public static readonly IReadOnlyDictionary<string, int> QueryCounts = new Dictionary<string, int>
    {
        ["shop.s.apples"] = 0,
        ["shop.s.bananas"] = 4,
        ["shop.s.cherries"] = 1,
        ["shop.s.dates"] = 1,
        ["shop.s.elderberries"] = 0,
        ["shop.s.figs"] = 2,
        ["shop.s.grapes"] = 0,
    };

    public CatalogApiFactory Api { get; } = new();

    public async Task InitializeAsync()
    {
        foreach (var name in QueryCounts.Keys)
        {
            await Api.DataAsync("mutation($name: String!) { upsertDataset(input: { name: $name, platform: \"duckdb\", columns: [{ name: \"id\", type: \"BIGINT\" }] }) { urn } }", new { name });
        }

        // Edited last, so first when ordered by last update; deprecated, so left out on request.
        await Task.Delay(20);
        await Api.DataAsync("""mutation { deprecate(urn: "urn:tl:dataset:shop.s.elderberries", deprecated: true, note: "use shop.s.figs") { urn } }""");

        var store = Api.Services.GetRequiredService<Catalog.QueryFront.IQueryAuditStore>();
        var at = DateTimeOffset.UtcNow;
        var id = 0;
        foreach (var (name, count) in QueryCounts)
        {
            for (var i = 0; i < count; i++)
            {
                await store.SaveQueryAsync(new Catalog.QueryFront.QueryRecord
                {
                    Id = "q" + id++,
                    User = "alice",
                    Sql = $"SELECT * FROM {name}",
                    State = Catalog.QueryFront.QueryRunState.Succeeded,
                    SubmittedAt = at,
                    Datasets = [name],
                }, CancellationToken.None);
            }
        }

        // A failed query is not usage: it must not lift apples above the never-queried datasets' name order.
        await store.SaveQueryAsync(new Catalog.QueryFront.QueryRecord { Id = "failed", User = "bob", Sql = "SELECT", State = Catalog.QueryFront.QueryRunState.Failed, SubmittedAt = at, Datasets = ["shop.s.grapes"] }, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>The <c>orderBy</c> argument and deprecation filter of <c>datasets</c>, over HTTP.</summary>
public sealed class DatasetOrderTests(OrderedCatalogFixture fixture) : IClassFixture<OrderedCatalogFixture>
{
    private const string Browse = """
        query($orderBy: DatasetOrder, $first: Int, $after: String, $filter: DatasetFilter) {
          datasets(orderBy: $orderBy, first: $first, after: $after, filter: $filter) {
            totalCount edges { cursor node { name updatedAt usage { queryCount } } } pageInfo { hasNextPage endCursor } } }
        """;

    private CatalogApiFactory Api => fixture.Api;

    private async Task<JsonNode> PageAsync(string? orderBy, int first, string? after = null, object? filter = null) =>
        (await Api.DataAsync(Browse, new { orderBy, first, after, filter }))["datasets"]!;

    private static List<string> Names(JsonNode connection) => connection["edges"]!.AsArray().Select(e => e!["node"]!["name"]!.GetValue<string>()).ToList();

    [Theory]
    [InlineData(null)]
    [InlineData("NAME")]
    [InlineData("RECENTLY_UPDATED")]
    [InlineData("MOST_QUERIED")]
    public async Task Paging_two_at_a_time_visits_the_same_datasets_in_the_same_order_as_one_page(string? orderBy)
    {
        var whole = Names(await PageAsync(orderBy, 100));
        var paged = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await PageAsync(orderBy, 2, after);
            Assert.Equal(7, page["totalCount"]!.GetValue<int>());
            paged.AddRange(Names(page));
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
            Assert.Equal(page["edges"]![1]!["cursor"]!.GetValue<string>(), after);
        }

        Assert.Equal(7, whole.Count);
        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task Most_queried_lists_the_busiest_datasets_first_with_ties_by_name()
    {
        var page = await PageAsync("MOST_QUERIED", 100);

        Assert.Equal(["shop.s.bananas", "shop.s.figs", "shop.s.cherries", "shop.s.dates", "shop.s.apples", "shop.s.elderberries", "shop.s.grapes"], Names(page));
        var counts = page["edges"]!.AsArray().Select(e => e!["node"]!["usage"]!["queryCount"]!.GetValue<int>()).ToList();
        Assert.Equal([4, 2, 1, 1, 0, 0, 0], counts);
    }

    [Fact]
    public async Task Recently_updated_lists_the_last_changed_dataset_first_and_never_goes_forward_in_time()
    {
        var page = await PageAsync("RECENTLY_UPDATED", 100);

        Assert.Equal("shop.s.elderberries", Names(page)[0]);
        var times = page["edges"]!.AsArray().Select(e => DateTimeOffset.Parse(e!["node"]!["updatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task Deprecated_datasets_are_listed_unless_left_out()
    {
        var all = await PageAsync("MOST_QUERIED", 100);
        var current = await PageAsync("MOST_QUERIED", 100, filter: new { excludeDeprecated = true });

        Assert.Contains("shop.s.elderberries", Names(all));
        Assert.Equal(Names(all).Where(n => n != "shop.s.elderberries"), Names(current));
        Assert.Equal(6, current["totalCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{ datasets(orderBy: POPULAR) { totalCount } }""")]
    [InlineData("""{ datasets(orderBy: "NAME") { totalCount } }""")]
    [InlineData("""{ datasets(after: "%%% not base64") { totalCount } }""")]
    [InlineData("""{ datasets(orderBy: MOST_QUERIED, after: "c2hvcC5zLmFwcGxlcw") { totalCount } }""")]
    [InlineData("""{ datasets(orderBy: RECENTLY_UPDATED, after: "TU9TVF9RVUVSSUVEfDN8c2hvcC5zLmFwcGxlcw") { totalCount } }""")]
    [InlineData("""{ datasets(orderBy: MOST_QUERIED, after: "TU9TVF9RVUVSSUVEfHh8c2hvcC5zLmFwcGxlcw") { totalCount } }""")]
    [InlineData("""{ datasets(orderBy: MOST_QUERIED, first: 5000) { totalCount } }""")]
    public async Task Bad_order_or_cursor_is_an_error_with_a_code_not_a_crash(string query)
    {
        var result = await Api.GraphQLAsync(query);

        var code = CatalogApiFactory.ErrorCode(result);
        Assert.False(string.IsNullOrEmpty(code), result.ToJsonString());
        Assert.NotEqual("INTERNAL_SERVER_ERROR", code);
        Assert.Null(result["data"]?["datasets"]);
    }

    [Fact]
    public async Task An_unknown_order_in_variables_is_an_error_with_a_code()
    {
        var result = await Api.GraphQLAsync(Browse, new { orderBy = "POPULAR", first = 2 });

        var code = CatalogApiFactory.ErrorCode(result);
        Assert.False(string.IsNullOrEmpty(code), result.ToJsonString());
        Assert.NotEqual("INTERNAL_SERVER_ERROR", code);
    }

    [Fact]
    public async Task A_cursor_of_one_order_is_refused_by_another()
    {
        var byQueries = await PageAsync("MOST_QUERIED", 2);
        var cursor = byQueries["pageInfo"]!["endCursor"]!.GetValue<string>();

        var result = await Api.GraphQLAsync(Browse, new { orderBy = "RECENTLY_UPDATED", first = 2, after = cursor });

        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(result));
        Assert.Contains("orderBy", result["errors"]![0]!["message"]!.GetValue<string>());
    }
}
