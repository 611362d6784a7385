using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace TownLake.Catalog.Tests.Discovery;

/// <summary>Search through the real API on the demo warehouse: ranking, synonyms, typos, facets, freshness, rebuild.</summary>
public sealed class SearchApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(demo: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<List<string>> NamesAsync(string query, string extra = "")
    {
        var data = await _api.DataAsync($$"""query($q: String!) { search(query: $q, first: 10 {{extra}}) { results { entity { name } } } }""", new { q = query });
        return data["search"]!["results"]!.AsArray().Select(r => r!["entity"]!["name"]!.GetValue<string>()).ToList();
    }

    [Fact]
    public async Task Search_ranks_curated_table_above_scratch_copy()
    {
        // The demo's own pair; the copy's longer name would rank it lower anyway, so SearchSignalTests checks each signal alone.
        var names = await NamesAsync("billings allocated");

        Assert.Equal("demo.fct.billings_allocated", names[0]);
        Assert.True(names.IndexOf("demo.scratch.billings_allocated_copy") > 0);
    }

    [Fact]
    public async Task A_glossary_synonym_finds_a_table_that_never_uses_the_word()
    {
        await _api.DataAsync("""mutation { createGlossaryTerm(input: { name: "Churn", definition: "Accounts lost in a period", synonyms: ["attrition"] }) { urn } }""");
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "shop.analytics.monthly_churn", description: "Accounts that churned, per month", columns: [{ name: "month" }, { name: "churned_accounts" }] }) { urn } }""");

        var names = await EventuallyAsync(() => NamesAsync("attrition", ", types: [DATASET]"), n => n.Count > 0);

        Assert.Equal("shop.analytics.monthly_churn", names[0]);
    }

    [Fact]
    public async Task A_typo_still_finds_the_table()
    {
        var names = await NamesAsync("billngs alocated");

        Assert.Contains("demo.fct.billings_allocated", names.Take(3));
    }

    [Fact]
    public async Task A_write_becomes_searchable_without_a_rebuild()
    {
        // The one-second promise is the search latency benchmark's to measure; here the write must arrive, and the
        // latency is reported (EventuallyAsync waits up to 15 s, generous for a shared machine).
        await NamesAsync("zebrafinch sightings");
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "zoo.birds.zebrafinch_sightings", columns: [{ name: "seen_at" }] }) { urn } }""");
        var clock = Stopwatch.StartNew();

        var names = await EventuallyAsync(() => NamesAsync("zebrafinch sightings"), n => n.Contains("zoo.birds.zebrafinch_sightings"));

        output.WriteLine($"searchable {clock.Elapsed.TotalMilliseconds:F0} ms after the mutation returned");
        Assert.Contains("zoo.birds.zebrafinch_sightings", names);
    }

    [Fact]
    public async Task A_deleted_dataset_leaves_search()
    {
        await _api.DataAsync("""mutation { deleteDataset(urn: "urn:tl:dataset:demo.scratch.accounts_tmp_jdoe") { removed } }""");

        var names = await EventuallyAsync(() => NamesAsync("accounts tmp jdoe"), n => !n.Contains("demo.scratch.accounts_tmp_jdoe"));

        Assert.DoesNotContain("demo.scratch.accounts_tmp_jdoe", names);
    }

    [Fact]
    public async Task Facets_count_matches_and_filters_narrow_them()
    {
        var data = await _api.DataAsync("""
            { all: search(query: "customer email") { total facets { field values { value count } } }
              pii: search(query: "customer email", filters: [{ field: "tag", values: ["pii"] }]) { total results { entity { name } } }
              terms: search(query: "revenue", types: [GLOSSARY_TERM]) { results { entity { name type } } } }
            """);

        var tagFacet = data["all"]!["facets"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == "tag")!;
        var piiCount = tagFacet["values"]!.AsArray().Single(v => v!["value"]!.GetValue<string>() == "pii")!["count"]!.GetValue<int>();
        Assert.Equal(piiCount, data["pii"]!["total"]!.GetValue<int>());
        Assert.All(data["pii"]!["results"]!.AsArray(), r => Assert.Contains(r!["entity"]!["name"]!.GetValue<string>(), new[] { "demo.dim.customers", "demo.raw.customers_crm", "demo.raw.accounts_export" }));
        Assert.All(data["terms"]!["results"]!.AsArray(), r => Assert.Equal("GLOSSARY_TERM", r!["entity"]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Results_say_why_they_matched()
    {
        var data = await _api.DataAsync("""{ search(query: "allocated amount", first: 1) { results { entity { name } matchedFields highlights { field value snippet } } } }""");

        var top = data["search"]!["results"]![0]!;
        Assert.Contains("column", top["matchedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains(top["highlights"]!.AsArray(), h => h!["snippet"]!.GetValue<string>().Contains("<em>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Autocomplete_completes_names()
    {
        var data = await _api.DataAsync("""{ autocomplete(prefix: "bill") { name urn type } }""");

        Assert.Contains(data["autocomplete"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "demo.fct.billings_allocated");
    }

    [Theory]
    [InlineData("""{ search(query: "x", first: 0) { total } }""")]
    [InlineData("""{ search(query: "x", filters: [{ field: "color", values: ["red"] }]) { total } }""")]
    [InlineData("""{ search(query: "x", types: [USER]) { total } }""")]
    [InlineData("""{ autocomplete(prefix: "x", limit: 500) { name } }""")]
    public async Task Bad_search_input_is_a_bad_user_input_error(string operation)
    {
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(await _api.GraphQLAsync(operation)));
    }

    [Fact]
    public async Task Agents_get_compact_cards_with_reasons()
    {
        using var client = _api.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/agent/search_datasets", new { query = "annual recurring revenue per account", limit = 3 });
        using var bad = await client.PostAsJsonAsync("/api/agent/search_datasets", new { limit = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var first = json["results"]![0]!;
        Assert.Equal("demo.fct.arr_by_account", first["name"]!.GetValue<string>());
        Assert.NotEmpty(first["whyMatched"]!.AsArray());
        Assert.Contains(first["columns"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "arr");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(25);
        }
    }
}

/// <summary>The index is a cache of the store: deleting it loses nothing.</summary>
public sealed class SearchIndexRebuildTests
{
    [Fact]
    public async Task A_deleted_index_is_rebuilt_with_identical_results()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-rebuild-" + Guid.NewGuid().ToString("N"));
        const string query = """{ search(query: "accounts revenue by customer", first: 10) { total results { entity { name } score } } }""";
        try
        {
            string before;
            await using (var first = new CatalogApiFactory(dataDirectory, demo: true))
            {
                before = (await first.DataAsync(query)).ToJsonString();
            }

            Directory.Delete(Path.Combine(dataDirectory, "search"), recursive: true);
            await using var second = new CatalogApiFactory(dataDirectory, demo: true);
            var after = (await second.DataAsync(query)).ToJsonString();

            Assert.Equal(before, after);
            Assert.Contains("demo.fct.arr_by_account", after);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
