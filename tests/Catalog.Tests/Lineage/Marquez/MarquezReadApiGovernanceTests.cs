using System.Text.Json.Nodes;
using static TownLake.Catalog.Tests.Lineage.Marquez.MarquezCatalogFixture;
using static TownLake.Catalog.Tests.Lineage.Marquez.ProducerEvents;

namespace TownLake.Catalog.Tests.Lineage.Marquez;

/// <summary>
/// Governance on Marquez's read API in a team deployment: anonymous callers get a 401, and a dataset's <c>fields</c>
/// never name a column the caller cannot see (pending review) unless the caller reviews datasets.
/// </summary>
public sealed class MarquezReadApiGovernanceTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(settings: new Dictionary<string, string?>
    {
        ["TownLake:Auth:Mode"] = "header",
        ["TownLake:Auth:Admins"] = "ada",
    });

    private readonly MarquezSpec _spec = new();

    public async Task InitializeAsync()
    {
        using var ada = As("ada");
        foreach (var json in new[] { Spark("START", "2026-11-20T09:00:00Z"), Spark("COMPLETE", "2026-11-20T09:04:00Z") })
        {
            var (status, body) = await LineageTestData.PostJsonAsync(ada, "/api/v1/lineage", json);
            Assert.True(status == 201, $"{status} {body?.ToJsonString()}");
        }
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private HttpClient As(string? user)
    {
        var client = _api.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        }

        return client;
    }

    [Theory]
    [InlineData("/api/v1/namespaces")]
    [InlineData("/api/v1/namespaces/spark-prod/jobs")]
    [InlineData("/api/v1/search?q=orders")]
    [InlineData("/api/v1/tags")]
    public async Task An_anonymous_caller_gets_401_in_team_mode(string path)
    {
        using var anonymous = As(null);

        var (status, _) = await LineageTestData.GetJsonAsync(anonymous, path);

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task Pending_columns_are_not_named_in_fields_except_to_reviewers()
    {
        var path = $"/api/v1/namespaces/{E(Lake)}/datasets/{E("warehouse/orders_enriched")}";
        using var bob = As("bob");
        using var ada = As("ada");

        var (bobStatus, bobView) = await LineageTestData.GetJsonAsync(bob, path);
        var (adaStatus, adaView) = await LineageTestData.GetJsonAsync(ada, path);
        var (_, bobList) = await LineageTestData.GetJsonAsync(bob, $"/api/v1/namespaces/{E(Lake)}/datasets");
        var (_, bobVersions) = await LineageTestData.GetJsonAsync(bob, path + "/versions");
        var (_, bobGraph) = await LineageTestData.GetJsonAsync(bob, $"/api/v1/lineage?nodeId={E($"dataset:{Lake}:warehouse/orders_enriched")}");
        var (_, adaGraph) = await LineageTestData.GetJsonAsync(ada, $"/api/v1/lineage?nodeId={E($"dataset:{Lake}:warehouse/orders_enriched")}");

        Assert.Equal(200, bobStatus);
        Assert.Equal(200, adaStatus);
        _spec.AssertValid("Dataset", bobView);
        Assert.Empty(bobView!["fields"]!.AsArray());
        Assert.DoesNotContain("customer_email", bobList!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("customer_email", bobVersions!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("customer_email", bobGraph!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("customer_email", adaGraph!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["order_id", "customer_email", "amount"], adaView!["fields"]!.AsArray().Select(f => (string?)f!["name"]));
    }
}
