using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>
/// Each shared dbt case yields the dataset lineage of the events OpenLineage's dbt integration emits for it — both by
/// ingesting the manifest and by posting those events — and both land on the same catalog datasets once the events'
/// namespace is configured for the connection the manifest is loaded under (without that, a namespace never merges
/// with another server's tables).
/// </summary>
public sealed class DbtLineageTests
{
    [SkippableTheory]
    [MemberData(nameof(LineageTestData.DbtCaseNames), MemberType = typeof(LineageTestData))]
    public async Task Ingesting_the_manifest_yields_the_upstreams_of_the_expected_openlineage_events(string dbtCase)
    {
        LineageTestData.SkipUnlessPresent(LineageTestData.DbtCases);
        var folder = Path.Combine(LineageTestData.DbtCases, dbtCase);
        await using var api = ApiFor(await ExpectedEventsAsync(folder), ProjectConnection);
        using var client = api.CreateClient();
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")))!;
        var catalogPath = Path.Combine(folder, "catalog.json");
        var body = new JsonObject { ["manifest"] = manifest, ["catalog"] = File.Exists(catalogPath) ? JsonNode.Parse(await File.ReadAllTextAsync(catalogPath)) : null };
        var (status, summary) = await LineageTestData.PostJsonAsync(client, $"/api/v1/dbt/manifest?connection={ProjectConnection}", body.ToJsonString());
        Assert.True(status == 200, $"{dbtCase}: {status} {summary}");

        var expected = LineageTestData.ExpectedUpstreams(await ExpectedEventsAsync(folder), api.Services.GetRequiredService<OpenLineageNaming>());
        Assert.NotEmpty(expected);
        foreach (var (output, upstreams) in expected)
        {
            Assert.Equal(upstreams, await LineageTestData.UpstreamOfAsync(api, LineageTestData.DatasetUrn(output)));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(LineageTestData.DbtCaseNames), MemberType = typeof(LineageTestData))]
    public async Task Posting_the_expected_events_yields_the_same_upstreams(string dbtCase)
    {
        LineageTestData.SkipUnlessPresent(LineageTestData.DbtCases);
        var events = await ExpectedEventsAsync(Path.Combine(LineageTestData.DbtCases, dbtCase));
        await using var api = ApiFor(events, ProjectConnection);
        using var client = api.CreateClient();
        foreach (var e in events)
        {
            var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", e!.ToJsonString());
            Assert.True(status == 201, $"{dbtCase}: {status} {body}");
        }

        var expected = LineageTestData.ExpectedUpstreams(events, api.Services.GetRequiredService<OpenLineageNaming>());
        foreach (var (output, upstreams) in expected)
        {
            Assert.Equal(upstreams, await LineageTestData.UpstreamOfAsync(api, LineageTestData.DatasetUrn(output)));
        }
    }

    [SkippableFact]
    public async Task Manifest_and_events_of_one_project_meet_in_one_dataset_with_dbt_metadata()
    {
        LineageTestData.SkipUnlessPresent(LineageTestData.DbtCases);
        var folder = Path.Combine(LineageTestData.DbtCases, "duckdb");
        // The connection is named like the dbt database, so the manifest's own names are the connection's.
        await using var api = ApiFor(await ExpectedEventsAsync(folder), "jaffle_shop");
        using var client = api.CreateClient();
        var manifest = await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"));
        var data = await api.DataAsync("mutation($m: JSON!) { ingestDbtManifest(manifest: $m) { models seeds tests datasets warnings } }", new { m = JsonNode.Parse(manifest) });
        Assert.Equal(2, (int)data["ingestDbtManifest"]!["models"]!);
        Assert.Equal(3, (int)data["ingestDbtManifest"]!["seeds"]!);
        foreach (var e in await ExpectedEventsAsync(folder))
        {
            Assert.Equal(201, (await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", e!.ToJsonString())).Status);
        }

        var customers = await api.DataAsync("""
            { dataset(name: "jaffle_shop.main.customers") { platform description owners { name } customProperties { key value } columns { name description } }
              datasets(filter: { catalog: "jaffle_shop" }) { totalCount } }
            """);
        Assert.Equal("duckdb", (string?)customers["dataset"]!["platform"]);
        Assert.StartsWith("This table has basic information about a customer", (string?)customers["dataset"]!["description"]);
        Assert.Contains(customers["dataset"]!["customProperties"]!.AsArray(), p => (string?)p!["key"] == "dbt_tests" && ((string?)p["value"])!.Contains("unique_customers_customer_id"));
        Assert.Equal(5, (int)customers["datasets"]!["totalCount"]!);
    }

    [Fact]
    public async Task Manifest_that_is_not_a_manifest_is_rejected()
    {
        await using var api = new CatalogApiFactory();
        using var client = api.CreateClient();
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/dbt/manifest", """{"metadata": {}}""");
        Assert.Equal(400, status);
        Assert.Contains("manifest.nodes is required", (string?)body!["error"]!["message"]);
    }

    private const string ProjectConnection = "dbt_project";

    /// <summary>A catalog with a connection that owns every dataset namespace the events use.</summary>
    private static CatalogApiFactory ApiFor(JsonArray events, string connection) => new(settings: new Dictionary<string, string?>
    {
        [$"TownLake:Connections:{connection}:Type"] = "duckdb",
        [$"TownLake:Connections:{connection}:Path"] = ":memory:",
        [$"TownLake:Connections:{connection}:Namespaces"] = string.Join(',', events
            .SelectMany(e => (e!["inputs"]?.AsArray() ?? []).Concat(e["outputs"]?.AsArray() ?? []))
            .Select(d => (string?)d!["namespace"]).OfType<string>().Distinct()),
    });

    /// <summary>
    /// The dbt integration's expected events. Their times are matcher templates (<c>{{ is_datetime(result) }}</c>), not
    /// times; the service refuses those, so a fixed RFC 3339 time stands in for them.
    /// </summary>
    private static async Task<JsonArray> ExpectedEventsAsync(string folder)
    {
        var events = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "expected_openlineage_events.json")))!.AsArray();
        foreach (var e in events.OfType<JsonObject>())
        {
            if (e["eventTime"] is JsonValue time && time.TryGetValue<string>(out var text) && text.StartsWith("{{", StringComparison.Ordinal))
            {
                e["eventTime"] = "2023-04-16T21:37:18.150055Z";
            }
        }

        return events;
    }
}
