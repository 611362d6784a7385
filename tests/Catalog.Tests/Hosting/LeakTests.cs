using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Hosting;

/// <summary>
/// Leaks and amplification in error answers (issue 11, finding 11): a huge input is not echoed back whole, search text
/// has a length limit, and a PostgreSQL connection failure does not tell the caller the server's host and port.
/// </summary>
public sealed class LeakTests : IAsyncLifetime
{
    private static readonly string MegabyteName = new('n', 1_000_000);

    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_megabyte_dataset_name_in_graphql_gives_a_short_error()
    {
        using var client = _api.CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query = "query($n: String!) { dataset(name: $n) { urn } }", variables = new { n = MegabyteName } });
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(text.Length < 4_000, $"The answer is {text.Length:N0} characters long.");
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(JsonNode.Parse(text)!));
    }

    [Fact]
    public async Task A_megabyte_dataset_name_to_the_agent_api_gives_a_short_error()
    {
        using var client = _api.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/agent/list_schema_fields", new { dataset = MegabyteName });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 4_000, $"The answer is {text.Length:N0} characters long.");
        Assert.Contains("1,000,000 characters", text);
    }

    [Fact]
    public async Task A_megabyte_agent_search_is_refused_quickly_naming_the_length_limit()
    {
        using var client = _api.CreateClient();
        (await client.PostAsJsonAsync("/api/agent/search_datasets", new { query = "revenue" })).Dispose();
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/agent/search_datasets", new { query = string.Join(' ', Enumerable.Repeat("revenue", 130_000)) });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1,000 are allowed", text);
        Assert.True(text.Length < 4_000, $"The answer is {text.Length:N0} characters long.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"The refusal took {clock.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public async Task A_graphql_search_over_the_length_limit_is_refused_and_one_at_it_runs()
    {
        var over = await _api.GraphQLAsync("query($q: String!) { search(query: $q) { total } }", new { q = new string('a', 1_001) });
        var at = await _api.GraphQLAsync("query($q: String!) { search(query: $q) { total } }", new { q = new string('a', 1_000) });

        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(over));
        Assert.Contains("1,000", (string?)over["errors"]![0]!["message"]);
        Assert.Null(at["errors"]);
    }

    [Fact]
    public async Task A_postgres_connection_failure_does_not_show_the_servers_host_and_port()
    {
        var port = ClosedPort();
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Connections:down:Type"] = "postgres",
            ["TownLake:Connections:down:ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=shop;Username=reader;Password=secret;Timeout=3",
        });

        var result = await api.GraphQLAsync("mutation { ingestConnection(name: \"down\") { added } }");
        var message = (string?)result["errors"]![0]!["message"];

        Assert.Contains("cannot reach PostgreSQL", message);
        Assert.DoesNotContain("127.0.0.1", message);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
