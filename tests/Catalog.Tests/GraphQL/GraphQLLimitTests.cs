using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Tests.GraphQL;

/// <summary>
/// Denial-of-service attacks on /graphql (issue 11, findings 4 and 5): each is refused with a 4xx, a code and the limit
/// it broke, quickly, by anonymous callers over POST and GET alike; legitimate large queries still run.
/// </summary>
public sealed class GraphQLLimitTests : IAsyncLifetime
{
    // Generous for a loaded 2-core CI machine (it includes the test client copying up to 2 MB through the in-process
    // server); unrefused, these documents kept both cores busy for minutes. The < 100 ms claim is bench/DosBench's.
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(15);

    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary><c>fragment F_i on Query { ...F_(i-1) ...F_(i-1) }</c>: 1.3 KB standing for 2^40 fields.</summary>
    public static string FragmentDoubling(int levels = 40)
    {
        var text = new StringBuilder("query { ...F").Append(levels).Append(" }\nfragment F0 on Query { __typename }\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append("fragment F").Append(i).Append(" on Query { ...F").Append(i - 1).Append(" ...F").Append(i - 1).Append(" }\n");
        }

        return text.ToString();
    }

    [Fact]
    public async Task Fragment_doubling_is_refused_quickly_over_post()
    {
        var (status, body, elapsed) = await PostAsync(FragmentDoubling());

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "MaxExpandedFields", status, body, elapsed);
    }

    [Fact]
    public async Task Fragment_doubling_is_refused_quickly_over_get()
    {
        using var client = _api.CreateClient();
        await WarmUpAsync(client);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString(FragmentDoubling()));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "MaxExpandedFields", response.StatusCode, body, clock.Elapsed);
    }

    [Fact]
    public async Task Fifty_thousand_repeated_fields_are_refused_by_size_before_parsing()
    {
        var query = "{ dataset(name: \"a.b.c\") { " + string.Concat(Enumerable.Repeat("name ", 50_000)) + "} }";

        var (status, body, elapsed) = await PostAsync(query);

        AssertRefused(HttpStatusCode.RequestEntityTooLarge, "QUERY_TOO_LARGE", "MaxDocumentBytes", status, body, elapsed);
    }

    [Fact]
    public async Task Repeated_fields_under_the_size_limit_are_refused_by_count()
    {
        var query = "{ dataset(name: \"a.b.c\") { " + string.Concat(Enumerable.Repeat("name ", 5_000)) + "} }";

        var (status, body, elapsed) = await PostAsync(query);

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "MaxFields", status, body, elapsed);
    }

    [Fact]
    public async Task A_two_megabyte_query_is_refused_before_it_is_read_whole()
    {
        var query = "{ " + string.Concat(Enumerable.Repeat("__typename ", 200_000)) + "}";

        var (status, body, elapsed) = await PostAsync(query);

        AssertRefused(HttpStatusCode.RequestEntityTooLarge, "QUERY_TOO_LARGE", "MaxRequestBytes", status, body, elapsed);
    }

    [Fact]
    public async Task Nesting_past_the_parsers_depth_is_a_400_with_a_code_not_an_internal_error()
    {
        var query = "{ glossaryTerm(name: \"x\") { " + string.Concat(Enumerable.Repeat("parent { ", 500)) + "name" + new string('}', 501) + " }";

        var (status, body, elapsed) = await PostAsync(query);

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "MaxDepth", status, body, elapsed);
    }

    [Fact]
    public async Task Nesting_through_fragments_counts_toward_the_depth_limit()
    {
        var query = new StringBuilder("{ glossaryTerm(name: \"x\") { ...P0 } }\n");
        for (var i = 0; i < 20; i++)
        {
            query.Append("fragment P").Append(i).Append(" on GlossaryTerm { parent { ").Append(i == 19 ? "name" : $"...P{i + 1}").Append(" } }\n");
        }

        var (status, body, elapsed) = await PostAsync(query.ToString());

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "MaxDepth", status, body, elapsed);
    }

    [Fact]
    public async Task An_alias_storm_of_startQuery_is_refused_before_anything_runs()
    {
        var query = "mutation { " + string.Concat(Enumerable.Range(0, 500).Select(i => $"q{i}: startQuery(sql: \"SELECT 1\") {{ id }} ")) + "}";

        var (status, body, elapsed) = await PostAsync(query);

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "MaxAliases", status, body, elapsed);
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task More_mutations_than_allowed_in_one_request_are_refused_even_through_fragments()
    {
        var query = "mutation { ...Q }\nfragment Q on Mutation { " + string.Concat(Enumerable.Range(0, 21).Select(i => $"q{i}: startQuery(sql: \"SELECT 1\") {{ id }} ")) + "}";

        var (status, body, elapsed) = await PostAsync(query);

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "MaxMutationFields", status, body, elapsed);
    }

    [Fact]
    public async Task Too_many_fragment_spreads_are_refused()
    {
        var query = "{ " + string.Concat(Enumerable.Repeat("...T ", 300)) + "}\nfragment T on Query { __typename }";

        var (status, body, elapsed) = await PostAsync(query);

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "MaxFragmentSpreads", status, body, elapsed);
    }

    [Fact]
    public async Task A_fragment_cycle_is_refused_without_looping()
    {
        var (status, body, elapsed) = await PostAsync("{ ...A }\nfragment A on Query { ...B }\nfragment B on Query { ...A }");

        AssertRefused(HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX", "FragmentCycles", status, body, elapsed);
    }

    [Fact]
    public async Task The_uis_largest_query_and_graphiqls_introspection_query_still_run()
    {
        var dataset = await _api.GraphQLAsync(UiDatasetQuery, new { name = "demo.dim.customers" });
        var introspection = await _api.GraphQLAsync(IntrospectionQuery);

        Assert.Null(dataset["errors"]);
        Assert.Null(introspection["errors"]);
        Assert.True(introspection["data"]!["__schema"]!["types"]!.AsArray().Count > 20);
    }

    [Fact]
    public async Task Validation_and_execution_stop_at_the_time_limit()
    {
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?> { ["TownLake:GraphQL:Timeout"] = "00:00:00.001" });

        var result = await api.GraphQLAsync(IntrospectionQuery);

        Assert.Equal("QUERY_TIMEOUT", CatalogApiFactory.ErrorCode(result));
        Assert.Equal("Timeout", (string?)result["errors"]![0]!["extensions"]!["limit"]);
    }

    [Fact]
    public async Task A_wrong_limit_setting_stops_start_up_naming_it()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration["TownLake:DataDirectory"] = Path.Combine(Path.GetTempPath(), "townlake-bad-" + Guid.NewGuid().ToString("N"));
        builder.Configuration["TownLake:DemoWarehouse"] = "false";
        builder.Configuration["TownLake:GraphQL:MaxFields"] = "0";
        TownLake.Catalog.Hosting.CatalogServices.AddTownLake(builder);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("TownLake:GraphQL:MaxFields", error.Message);
    }

    /// <summary>Posts with a Content-Length, as curl does; the first request of a fresh host (start-up, JIT) is not timed.</summary>
    private async Task<(HttpStatusCode Status, JsonNode Body, TimeSpan Elapsed)> PostAsync(string query)
    {
        using var client = _api.CreateClient();
        await WarmUpAsync(client);
        var content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json");
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/graphql", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, clock.Elapsed);
    }

    private static async Task WarmUpAsync(HttpClient client) =>
        (await client.PostAsJsonAsync("/graphql", new { query = "{ __typename }" })).Dispose();

    private static void AssertRefused(HttpStatusCode expectedStatus, string code, string limit, HttpStatusCode status, JsonNode body, TimeSpan elapsed)
    {
        Assert.Equal(expectedStatus, status);
        var extensions = body["errors"]![0]!["extensions"]!;
        Assert.Equal(code, (string?)extensions["code"]);
        Assert.Equal(limit, (string?)extensions["limit"]);
        Assert.Contains(limit, (string?)body["errors"]![0]!["message"]);
        Assert.True(elapsed < Quick, $"The refusal took {elapsed.TotalMilliseconds:0} ms.");
    }

    /// <summary>src/Ui/src/api/operations.ts <c>fetchDataset</c> with <c>DATASET_FULL</c> expanded: the UI's largest query.</summary>
    private const string UiDatasetQuery = """
        query Dataset($name: String!) { dataset(name: $name) {
          urn name platform kind description updatedAt createdAt catalog schema table schemaVersion viewSql rowCount sizeBytes removed
          upstreamCount downstreamCount
          customProperties { key value }
          tags { urn name description }
          glossaryTerms { urn name }
          owners { urn name kind ownershipType }
          domain { urn name }
          deprecation { deprecated note actor at }
          columns { urn name type nullable ordinal description isPrimaryKey foreignKey { dataset column } tags { urn name } glossaryTerms { urn name } } } }
        """;

    /// <summary>graphql-js <c>getIntrospectionQuery()</c>, which GraphiQL sends on load.</summary>
    public const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;
}
