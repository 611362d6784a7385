using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using TownLake.Catalog.Governance;

namespace TownLake.Catalog.Tests.Governance;

/// <summary>
/// Trino's <c>opa</c> access control against the documented request and response shapes (<c>opa.policy.uri</c>,
/// <c>batched-uri</c>, <c>column-masking-uri</c>): the same cases as the bypass table — a hidden column, a PII column,
/// an unapproved table, an expired grant, a group grant — decided by the query front's evaluator; and the endpoint
/// answers only Trino (shared secret or trusted network), failing fast on malformed or oversized input.
/// </summary>
public sealed class TrinoOpaTests(GovernedWarehouse warehouse) : IClassFixture<GovernedWarehouse>
{
    private static object Identity(string user, params string[] groups) => new { user, groups };

    private static object Table(string table, string schema = "main", string catalog = "shop", string[]? columns = null) =>
        columns is null
            ? new { catalogName = catalog, schemaName = schema, tableName = table }
            : new { catalogName = catalog, schemaName = schema, tableName = table, columns };

    private static object Single(object identity, string operation, object? resource) =>
        new { input = new { context = new { identity, softwareStack = new { trinoVersion = "455" } }, action = new { operation, resource } } };

    private static object Batch(object identity, string operation, IEnumerable<object> filterResources) =>
        new { input = new { context = new { identity, softwareStack = new { trinoVersion = "455" } }, action = new { operation, filterResources } } };

    private static object Column(string column, string type = "varchar", string table = "customers") =>
        new { column = new { catalogName = "shop", schemaName = "main", tableName = table, columnName = column, columnType = type } };

    private const string WithToken = "?token=" + GovernedWarehouse.OpaToken;

    /// <summary>Trino: no signed-in user, the shared token in the configured URIs.</summary>
    private HttpClient Trino() => warehouse.Api.CreateClient();

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsync("/api/governance/trino/opa/" + path + WithToken, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<bool> AllowAsync(object body)
    {
        using var trino = Trino();
        return (await PostAsync(trino, "allow", body))["result"]!.GetValue<bool>();
    }

    private async Task<int[]> FilterAsync(object body)
    {
        using var trino = Trino();
        return (await PostAsync(trino, "batch", body))["result"]!.AsArray().Select(i => i!.GetValue<int>()).ToArray();
    }

    private async Task<string?> MaskAsync(object identity, string column, string type = "varchar")
    {
        using var trino = Trino();
        return (await PostAsync(trino, "column-mask", Single(identity, "GetColumnMask", Column(column, type))))["result"]?["expression"]?.GetValue<string>();
    }

    [Fact]
    public async Task Selecting_an_approved_table_is_allowed_but_a_pending_column_and_an_unapproved_table_are_refused()
    {
        var alice = Identity("alice");

        Assert.True(await AllowAsync(Single(alice, "SelectFromColumns", new { table = Table("customers", columns: ["id", "email", "tier"]) })));
        Assert.True(await AllowAsync(Single(alice, "SelectFromColumns", new { table = Table("customers", columns: []) })));
        Assert.False(await AllowAsync(Single(alice, "SelectFromColumns", new { table = Table("customers", columns: ["id", "secret_score"]) })));
        Assert.False(await AllowAsync(Single(alice, "SelectFromColumns", new { table = Table("customers", columns: ["ID", "Secret_Score"]) })));
        Assert.False(await AllowAsync(Single(alice, "SelectFromColumns", new { table = Table("dump", "raw", columns: ["id"]) })));
        // The same table reached through another connection name is its own dataset, still pending.
        Assert.False(await AllowAsync(Single(alice, "SelectFromColumns", new { table = Table("customers", catalog: "shop2", columns: ["id"]) })));
        Assert.False(await AllowAsync(Single(alice, "SelectFromColumns", new { table = Table("no_such_table", columns: ["id"]) })));
        Assert.True(await AllowAsync(Single(alice, "ShowColumns", new { table = Table("customers") })));
        Assert.False(await AllowAsync(Single(alice, "ShowColumns", new { table = Table("dump", "raw") })));
        Assert.True(await AllowAsync(Single(alice, "AccessCatalog", new { catalog = new { name = "shop" } })));
        Assert.False(await AllowAsync(Single(alice, "AccessCatalog", new { catalog = new { name = "shop2" } })));
        Assert.True(await AllowAsync(Single(alice, "ExecuteQuery", null)));
    }

    [Fact]
    public async Task Batch_filters_drop_hidden_columns_unapproved_tables_and_schemas_and_catalogs_with_nothing_queryable()
    {
        var alice = Identity("alice");

        var columns = await FilterAsync(Batch(alice, "FilterColumns", [new { table = Table("customers", columns: ["id", "email", "tier", "secret_score"]) }]));
        var tables = await FilterAsync(Batch(alice, "FilterTables", [new { table = Table("customers") }, new { table = Table("dump", "raw") }, new { table = Table("customer_view") }, new { table = Table("customers", catalog: "shop2") }]));
        var schemas = await FilterAsync(Batch(alice, "FilterSchemas", [new { schema = new { catalogName = "shop", schemaName = "main" } }, new { schema = new { catalogName = "shop", schemaName = "raw" } }, new { schema = new { catalogName = "shop", schemaName = "information_schema" } }]));
        var catalogs = await FilterAsync(Batch(alice, "FilterCatalogs", [new { catalog = new { name = "shop" } }, new { catalog = new { name = "shop2" } }, new { catalog = new { name = "system" } }]));

        Assert.Equal([0, 1, 2], columns);
        Assert.Equal([0, 2], tables);
        Assert.Equal([0, 2], schemas);
        Assert.Equal([0], catalogs);
    }

    [Fact]
    public async Task Pii_columns_are_masked_with_the_query_fronts_keyed_hash_unless_the_caller_holds_a_read_pii_grant()
    {
        var renderer = (TownLake.Catalog.Governance.Trino.TrinoRulesRenderer)warehouse.Api.Services.GetService(typeof(TownLake.Catalog.Governance.Trino.TrinoRulesRenderer))!;
        await warehouse.Governance.GrantAsync(GovernedWarehouse.Rita, PrincipalKind.User, "erin", GovernedWarehouse.CustomersUrn, null, AccessLevel.ReadPii, DateTimeOffset.UtcNow.AddHours(1), "fraud review", default);

        Assert.Equal(renderer.MaskExpression("email"), await MaskAsync(Identity("alice"), "email"));
        Assert.Null(await MaskAsync(Identity("alice"), "tier"));
        Assert.Null(await MaskAsync(Identity("erin"), "email"));
        Assert.Equal("CAST(NULL AS bigint)", await MaskAsync(Identity("alice"), "secret_score", "bigint"));
        using var trino = Trino();
        var masks = (await PostAsync(trino, "column-masks", Batch(Identity("alice"), "GetColumnMask", [Column("id", "bigint"), Column("email")])))["result"]!.AsArray();
        Assert.Equal(1, Assert.Single(masks)!["index"]!.GetValue<int>());
        Assert.Equal(renderer.MaskExpression("email"), masks[0]!["viewExpression"]!["expression"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_grants_expiry_takes_effect_on_trinos_next_request()
    {
        await warehouse.Governance.GrantAsync(GovernedWarehouse.Rita, PrincipalKind.User, "frank", GovernedWarehouse.CustomersUrn, null, AccessLevel.ReadPii, DateTimeOffset.UtcNow.AddSeconds(1), "quick check", default);

        var during = await MaskAsync(Identity("frank"), "email");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var after = await MaskAsync(Identity("frank"), "email");

        Assert.Null(during);
        Assert.Contains("sha256", after);
    }

    [Fact]
    public async Task A_group_grant_unmasks_pii_for_members_of_the_group_only()
    {
        await warehouse.Governance.GrantAsync(GovernedWarehouse.Rita, PrincipalKind.Group, "fraud-team", GovernedWarehouse.CustomersUrn, null, AccessLevel.ReadPii, DateTimeOffset.UtcNow.AddHours(1), "fraud review", default);

        Assert.Null(await MaskAsync(Identity("gina", "fraud-team"), "email"));
        Assert.NotNull(await MaskAsync(Identity("gina", "marketing"), "email"));
        Assert.NotNull(await MaskAsync(Identity("fraud-team"), "email"));
    }

    [Theory]
    [InlineData("InsertIntoTable")]
    [InlineData("DropTable")]
    [InlineData("CreateViewWithSelectFromColumns")]
    [InlineData("ShowCreateTable")]
    [InlineData("ImpersonateUser")]
    [InlineData("SomethingTrinoAddsNextYear")]
    public async Task Writes_and_unknown_operations_are_denied_not_failed(string operation)
    {
        Assert.False(await AllowAsync(Single(Identity("rita"), operation, new { table = Table("customers", columns: ["id"]), user = new { user = "root" } })));
    }

    [Fact]
    public async Task A_request_without_a_user_or_with_an_unknown_batch_operation_gets_nothing()
    {
        Assert.False(await AllowAsync(Single(new { user = "", groups = Array.Empty<string>() }, "SelectFromColumns", new { table = Table("customers", columns: ["id"]) })));
        Assert.False(await AllowAsync(new { input = new { action = new { operation = "ExecuteQuery" } } }));
        Assert.Empty(await FilterAsync(Batch(Identity("alice"), "FilterFunctions", [new { function = new { functionName = "f" } }])));
        Assert.Empty(await FilterAsync(Batch(new { groups = new[] { "admins" } }, "FilterTables", [new { table = Table("customers") }])));
    }

    [Theory]
    [InlineData("not json at all", 400)]
    [InlineData("null", 400)]
    [InlineData("{\"input\": {\"action\": {}}}", 400)]
    [InlineData("{\"input\": {\"action\": {\"operation\": 5}}}", 400)]
    [InlineData("{\"input\": {\"context\": {\"identity\": {\"user\": \"alice\", \"groups\": \"admins\"}}, \"action\": {\"operation\": \"ExecuteQuery\"}}}", 400)]
    public async Task Malformed_bodies_get_a_clear_400(string body, int status)
    {
        using var trino = Trino();

        using var response = await trino.PostAsync("/api/governance/trino/opa/allow" + WithToken, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains("\"code\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Huge_batches_and_bodies_are_refused_with_413_and_filter_columns_takes_one_table()
    {
        using var trino = Trino();
        var many = Batch(Identity("alice"), "FilterCatalogs", Enumerable.Range(0, 100_001).Select(_ => (object)new { }));
        var huge = new StringContent("{\"input\": {\"pad\": \"" + new string('x', 9 * 1024 * 1024) + "\"}}", Encoding.UTF8, "application/json");
        var twoTables = Batch(Identity("alice"), "FilterColumns", [new { table = Table("customers", columns: ["id"]) }, new { table = Table("customer_view", columns: ["id"]) }]);

        using var tooMany = await trino.PostAsync("/api/governance/trino/opa/batch" + WithToken, new StringContent(JsonSerializer.Serialize(many), Encoding.UTF8, "application/json"));
        using var tooBig = await trino.PostAsync("/api/governance/trino/opa/batch" + WithToken, huge);
        using var ambiguous = await trino.PostAsync("/api/governance/trino/opa/batch" + WithToken, new StringContent(JsonSerializer.Serialize(twoTables), Encoding.UTF8, "application/json"));

        Assert.Equal(413, (int)tooMany.StatusCode);
        Assert.Equal(413, (int)tooBig.StatusCode);
        Assert.Equal(400, (int)ambiguous.StatusCode);
    }

    [Fact]
    public async Task Only_trino_is_answered_with_the_shared_secret_or_from_a_trusted_network()
    {
        var body = JsonSerializer.Serialize(Single(Identity("alice"), "ExecuteQuery", null));
        using var anonymous = warehouse.Api.CreateClient();
        using var reviewer = warehouse.ClientFor("rita");
        using var reviewerWithBearer = warehouse.ClientFor("rita");
        reviewerWithBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GovernedWarehouse.OpaToken);

        async Task<int> StatusAsync(HttpClient client, string path = "/api/governance/trino/opa/allow")
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            return (int)response.StatusCode;
        }

        async Task<int> FromAsync(string address)
        {
            var context = await warehouse.Api.Server.SendAsync(http =>
            {
                http.Request.Method = "POST";
                http.Request.Path = "/api/governance/trino/opa/allow";
                http.Request.ContentType = "application/json";
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
                http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            });
            return context.Response.StatusCode;
        }

        Assert.Equal(403, await StatusAsync(anonymous));
        Assert.Equal(403, await StatusAsync(reviewer));
        Assert.Equal(403, await StatusAsync(reviewerWithBearer));
        Assert.Equal(403, await StatusAsync(anonymous, "/api/governance/trino/opa/allow?token=" + GovernedWarehouse.OpaToken + "x"));
        Assert.Equal(403, await StatusAsync(anonymous, "/api/governance/trino/opa/allow?token=" + GovernedWarehouse.OpaToken[..^1]));
        Assert.Equal(200, await StatusAsync(anonymous, "/api/governance/trino/opa/allow?token=" + GovernedWarehouse.OpaToken));
        // Other APIs still refuse the anonymous caller of a team deployment.
        Assert.Equal(401, (int)(await anonymous.PostAsync("/api/agent/search_datasets", new StringContent("{\"query\":\"x\"}", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(200, await FromAsync("10.20.3.4"));
        Assert.Equal(200, await FromAsync("::ffff:10.20.3.4"));
        Assert.Equal(403, await FromAsync("10.21.3.4"));
        Assert.Equal(403, await FromAsync("203.0.113.9"));
    }
}
