using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.GraphQL;

/// <summary>
/// Issue 16: the stock GraphiQL and any standard client load the schema through the spec's introspection (deprecated
/// arguments, specifiedByURL, isRepeatable), while introspection that multiplies the schema by itself is still refused.
/// </summary>
public sealed class IntrospectionTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string, string> ClientQueries() => new()
    {
        { "full", ClientIntrospectionQueries.Full },
        { "townlake-graphiql", ClientIntrospectionQueries.TownLakeGraphiQL },
        { "stock-graphiql", ClientIntrospectionQueries.StockGraphiQL },
        { "stock-graphiql-fallback", ClientIntrospectionQueries.StockGraphiQLFallback },
    };

    [Theory]
    [MemberData(nameof(ClientQueries))]
    public async Task A_standard_clients_introspection_loads_the_whole_schema(string client, string query)
    {
        using var http = _api.CreateClient();
        using var response = await http.PostAsJsonAsync("/graphql", new { query, operationName = "IntrospectionQuery" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{client}: {response.StatusCode} {body["errors"]}");
        Assert.Null(body["errors"]);
        var schema = body["data"]!["__schema"]!;
        Assert.Equal("Query", (string?)schema["queryType"]!["name"]);
        Assert.Contains(schema["types"]!.AsArray(), type => (string?)type!["name"] == "Dataset");
    }

    [Fact]
    public async Task The_full_query_answers_deprecated_arguments_specified_by_url_and_is_repeatable()
    {
        var body = await _api.GraphQLAsync(ClientIntrospectionQueries.Full);

        Assert.Null(body["errors"]);
        var schema = body["data"]!["__schema"]!;
        var types = schema["types"]!.AsArray();
        var query = types.Single(type => (string?)type!["name"] == "Query")!;
        var argument = query["fields"]!.AsArray().SelectMany(field => field!["args"]!.AsArray()).First()!;
        Assert.False((bool)argument["isDeprecated"]!);
        Assert.True(types.Single(type => (string?)type!["name"] == "String")!.AsObject().ContainsKey("specifiedByURL"));
        Assert.All(schema["directives"]!.AsArray(), directive => Assert.NotNull(directive!["isRepeatable"]));
        Assert.True(schema.AsObject().ContainsKey("description"));
    }

    [Fact]
    public async Task Graphiql_fetching_a_single_type_for_its_docs_panel_works()
    {
        var data = await _api.DataAsync("""
            query ($name: String!) { __type(name: $name) { name fields(includeDeprecated: true) { name args(includeDeprecated: true) { name isDeprecated } } } }
            """, new { name = "Dataset" });

        Assert.Equal("Dataset", (string?)data["__type"]!["name"]);
    }

    [Fact]
    public async Task Introspection_lists_nested_four_deep_are_refused_quickly_naming_the_limit()
    {
        var clock = Stopwatch.StartNew();
        var body = await _api.GraphQLAsync("{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }");

        Assert.Equal("QUERY_TOO_COMPLEX", CatalogApiFactory.ErrorCode(body));
        Assert.Equal("MaxIntrospectionListNesting", (string?)body["errors"]![0]!["extensions"]!["limit"]);
        Assert.Null(body["data"]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Nesting_introspection_lists_through_fragments_is_refused_too()
    {
        var body = await _api.GraphQLAsync("""
            query { __schema { types { ...Deeper } } }
            fragment Deeper on __Type { fields { type { ...Deepest } } }
            fragment Deepest on __Type { possibleTypes { interfaces { name } } }
            """);

        Assert.Equal("MaxIntrospectionListNesting", (string?)body["errors"]![0]!["extensions"]!["limit"]);
    }

    [Fact]
    public async Task A_type_reference_chain_far_past_the_data_depth_limit_is_still_bounded_by_the_parser()
    {
        var ofTypes = string.Concat(Enumerable.Repeat("ofType { ", 200)) + "name" + new string('}', 200);
        var body = await _api.GraphQLAsync("{ __type(name: \"Dataset\") { " + ofTypes + " } }");

        Assert.Equal("QUERY_TOO_COMPLEX", CatalogApiFactory.ErrorCode(body));
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task Data_fields_under_an_introspection_alias_storm_still_count_toward_the_field_limits()
    {
        var aliases = string.Join(" ", Enumerable.Range(0, 150).Select(i => $"t{i}: __type(name: \"Dataset\") {{ name }}"));

        var body = await _api.GraphQLAsync("{ " + aliases + " }");

        Assert.Equal("QUERY_TOO_COMPLEX", CatalogApiFactory.ErrorCode(body));
        Assert.Equal("MaxAliases", (string?)body["errors"]![0]!["extensions"]!["limit"]);
    }
}
