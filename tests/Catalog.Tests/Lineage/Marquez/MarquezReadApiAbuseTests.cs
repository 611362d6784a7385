using System.Text.Json.Nodes;
using static TownLake.Catalog.Tests.Lineage.Marquez.MarquezCatalogFixture;
using static TownLake.Catalog.Tests.Lineage.Marquez.ProducerEvents;

namespace TownLake.Catalog.Tests.Lineage.Marquez;

/// <summary>
/// Bad input to Marquez's read API fails fast in Marquez's error shape (<c>{code, message}</c>): 400 for bad parameters,
/// 404 for unknown names, never a 500, with the caller's value echoed at most 100 characters long.
/// </summary>
public sealed class MarquezReadApiAbuseTests(MarquezCatalogFixture fixture) : IClassFixture<MarquezCatalogFixture>
{
    [Theory]
    [InlineData("/api/v1/namespaces?limit=100000000", "limit")]
    [InlineData("/api/v1/namespaces?limit=99999999999999999999", "limit")]
    [InlineData("/api/v1/namespaces?offset=-1", "offset")]
    [InlineData("/api/v1/sources?limit=abc", "limit")]
    [InlineData("/api/v1/tags?offset=1e3", "offset")]
    [InlineData("/api/v1/namespaces/dbt/jobs?limit=-5", "limit")]
    [InlineData("/api/v1/namespaces/dbt/jobs/jaffle_shop.model.jaffle_shop.customers/runs?offset=-1", "offset")]
    [InlineData("/api/v1/lineage?nodeId=dataset", "nodeId")]
    [InlineData("/api/v1/lineage?nodeId=table:x:y", "nodeId")]
    [InlineData("/api/v1/lineage", "nodeId")]
    [InlineData("/api/v1/column-lineage?nodeId=datasetField:ns:onlyname", "nodeId")]
    [InlineData("/api/v1/lineage?nodeId=dataset:a:b&depth=100000", "depth")]
    [InlineData("/api/v1/search", "q")]
    [InlineData("/api/v1/search?q=orders&filter=table", "filter")]
    [InlineData("/api/v1/search?q=orders&sort=size", "sort")]
    [InlineData("/api/v1/search?q=orders&before=15/01/2026", "before")]
    [InlineData("/api/v1/search?q=orders&limit=-1", "limit")]
    [InlineData("/api/v1/jobs/runs/not-a-uuid", "UUID")]
    [InlineData("/api/v1/jobs/runs/" + SparkRun + "/facets", "type")]
    [InlineData("/api/v1/jobs/runs/" + SparkRun + "/facets?type=dataset", "type")]
    [InlineData("/api/v1/namespaces/dbt/jobs/jaffle_shop.model.jaffle_shop.customers/versions/v1", "UUID")]
    public async Task A_bad_parameter_is_a_400_in_marquez_shape_naming_it(string path, string named)
    {
        var (status, body) = await fixture.GetAsync(path);

        Assert.True(status == 400, $"{path}: {status} {body?.ToJsonString()}");
        Assert.Equal(400, (int)body!["code"]!);
        Assert.Contains(named, (string?)body["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/no-such-namespace")]
    [InlineData("/api/v1/namespaces/no-such-namespace/datasets")]
    [InlineData("/api/v1/namespaces/no-such-namespace/jobs")]
    [InlineData("/api/v1/namespaces/dbt/datasets/no.such.table")]
    [InlineData("/api/v1/namespaces/dbt/jobs/no_such_job")]
    [InlineData("/api/v1/namespaces/dbt/jobs/no_such_job/runs")]
    [InlineData("/api/v1/sources/no-such-source")]
    [InlineData("/api/v1/jobs/runs/0193a1b2-0000-7000-8000-0000000fffff")]
    [InlineData("/api/v1/namespaces/dbt/jobs/jaffle_shop.model.jaffle_shop.customers/versions/0193a1b2-0000-7000-8000-0000000fffff")]
    [InlineData("/api/v1/namespaces/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/v1/namespaces/..%2F..%2Fetc/datasets/passwd")]
    [InlineData("/api/v1/lineage?nodeId=dataset:postgres://nowhere:5432:a.b.c")]
    [InlineData("/api/v1/lineage?nodeId=job:nowhere:nothing")]
    public async Task An_unknown_or_traversal_name_is_a_404_in_marquez_shape(string path)
    {
        var (status, body) = await fixture.GetAsync(path);

        Assert.True(status == 404, $"{path}: {status} {body?.ToJsonString()}");
        Assert.Equal(404, (int)body!["code"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["message"]));
        Assert.DoesNotContain("root:", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/{0}")]
    [InlineData("/api/v1/namespaces/{0}/datasets")]
    [InlineData("/api/v1/namespaces/dbt/datasets/{0}")]
    [InlineData("/api/v1/namespaces/dbt/jobs/{0}")]
    [InlineData("/api/v1/sources/{0}")]
    [InlineData("/api/v1/search?q=orders&namespace={0}")]
    public async Task An_overlong_name_is_a_400_whose_message_echoes_at_most_100_characters(string template)
    {
        var name = new string('n', 5_000);

        var (status, body) = await fixture.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, name));

        Assert.True(status == 400, $"{status} {body?.ToJsonString()[..200]}");
        var message = (string?)body!["message"];
        Assert.Contains(new string('n', 100) + "…", message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('n', 101), message, StringComparison.Ordinal);
        Assert.Contains("5,000 characters", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_search_pattern_of_wildcards_is_refused_or_answered_fast()
    {
        var (status, body) = await fixture.GetAsync("/api/v1/search?q=" + E(string.Concat(Enumerable.Repeat("%_", 500))) + "x");

        Assert.True(status is 200 or 400, $"{status} {body?.ToJsonString()}");
        if (status == 200)
        {
            Assert.IsType<JsonArray>(body!["results"]);
        }
    }
}
