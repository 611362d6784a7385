using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using TownLake.Catalog.Tests.QueryFront;

namespace TownLake.Catalog.Tests.Governance;

/// <summary>
/// Governance through GraphQL as people use it: the front door says what a caller may do, requests are approved into
/// grants that unlock PII for a reason, grants expire, a new column stays hidden without breaking old queries, and
/// every abuse (non-reviewer grants, bad expiries, cross-user decisions, oversized reasons) fails fast with a clear code.
/// </summary>
public sealed class GovernanceApiTests(GovernedWarehouse warehouse) : IClassFixture<GovernedWarehouse>
{
    private const string Customers = "urn:tl:dataset:shop.main.customers";
    private const string Dump = "urn:tl:dataset:shop.raw.dump";

    private const string Grant = """
        mutation($who: String!, $urn: String!, $level: AccessLevel!, $expires: DateTime!, $reason: String!) {
          grantAccess(principalKind: USER, principal: $who, datasetUrn: $urn, level: $level, expiresAt: $expires, reason: $reason) { id expiresAt active }
        }
        """;

    private const string Request = """
        mutation($urn: String!, $reason: String!, $minutes: Int!) {
          requestAccess(datasetUrn: $urn, level: READ_PII, reason: $reason, durationMinutes: $minutes) { id state requester }
        }
        """;

    private const string UnlockedQuery = """
        mutation($sql: String!, $reason: String) { startQuery(sql: $sql, unlockPii: true, reason: $reason) { id state } }
        """;

    [Fact]
    public async Task The_front_door_says_what_the_caller_may_do_and_hides_pending_column_names_from_non_reviewers()
    {
        using var alice = warehouse.ClientFor("alice");
        using var rita = warehouse.ClientFor("rita");
        const string Query = "query($urn: ID!) { dataset(urn: $urn) { access { state canQuery canSeePii denial request piiColumns pendingColumns hiddenColumnCount } } }";

        var dumpForAlice = (await warehouse.Api.DataAsync(Query, new { urn = Dump }, alice))["dataset"]!["access"]!;
        var customersForAlice = (await warehouse.Api.DataAsync(Query, new { urn = Customers }, alice))["dataset"]!["access"]!;
        var customersForRita = (await warehouse.Api.DataAsync(Query, new { urn = Customers }, rita))["dataset"]!["access"]!;
        var queue = await warehouse.Api.DataAsync("{ reviewQueue { dataset { name } state columns { name state classification { category source } } } }", client: rita);
        var queueForAlice = await warehouse.Api.GraphQLAsync("{ reviewQueue { dataset { name } } }", client: alice);

        Assert.Equal("PENDING", dumpForAlice["state"]!.GetValue<string>());
        Assert.False(dumpForAlice["canQuery"]!.GetValue<bool>());
        Assert.Contains("pending review", dumpForAlice["denial"]!.GetValue<string>());
        Assert.Contains("request access", dumpForAlice["request"]!.GetValue<string>());
        Assert.True(customersForAlice["canQuery"]!.GetValue<bool>());
        Assert.False(customersForAlice["canSeePii"]!.GetValue<bool>());
        Assert.Equal(["email"], customersForAlice["piiColumns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Empty(customersForAlice["pendingColumns"]!.AsArray());
        Assert.True(customersForAlice["hiddenColumnCount"]!.GetValue<int>() >= 1);
        Assert.Contains("secret_score", customersForRita["pendingColumns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Contains(queue["reviewQueue"]!.AsArray(), i => i!["dataset"]!["name"]!.GetValue<string>() == "shop.raw.dump");
        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(queueForAlice));
    }

    [Fact]
    public async Task A_request_approved_by_a_reviewer_lets_the_requester_unlock_pii_with_a_reason_and_the_unlock_is_audited()
    {
        using var bob = warehouse.ClientFor("bob");
        using var rita = warehouse.ClientFor("rita");
        const string Sql = "SELECT email FROM shop.main.customers ORDER BY id LIMIT 1";
        var before = await warehouse.Api.GraphQLAsync(UnlockedQuery, new { sql = Sql, reason = "TICKET-7 churn study" }, bob);

        var request = (await warehouse.Api.DataAsync(Request, new { urn = Customers, reason = "TICKET-7 churn study", minutes = 60 }, bob))["requestAccess"]!;
        var approved = (await warehouse.Api.DataAsync("mutation($id: ID!) { approveAccessRequest(id: $id, note: \"ok\") { state grantId } }",
            new { id = request["id"]!.GetValue<string>() }, rita))["approveAccessRequest"]!;
        var redacted = await QueryApiClient.RunAsync(warehouse.Api, Sql, bob);
        var unlocked = (await warehouse.Api.DataAsync(UnlockedQuery, new { sql = Sql, reason = "TICKET-7 churn study" }, bob))["startQuery"]!;
        var unlockedRun = await QueryApiClient.WaitAsync(warehouse.Api, unlocked["id"]!.GetValue<string>(), bob);
        var me = (await warehouse.Api.DataAsync("{ me { grants { dataset level } requests { state } } }", client: bob))["me"]!;
        var audit = (await warehouse.Api.DataAsync("{ governanceAudit(user: \"bob\", kind: PII_UNLOCKED) { summary } }", client: rita))["governanceAudit"]!;

        Assert.Equal("ACCESS_DENIED", CatalogApiFactory.ErrorCode(before));
        Assert.Contains("READ_PII", before["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal("APPROVED", approved["state"]!.GetValue<string>());
        Assert.StartsWith("[\"redacted:", (await QueryApiClient.AllRowsAsync(warehouse.Api, redacted["id"]!.GetValue<string>(), client: bob)).Rows.Single());
        Assert.Equal("[\"person1@example.com\"]", (await QueryApiClient.AllRowsAsync(warehouse.Api, unlockedRun["id"]!.GetValue<string>(), client: bob)).Rows.Single());
        Assert.Equal("READ_PII", me["grants"]![0]!["level"]!.GetValue<string>());
        Assert.Equal("APPROVED", me["requests"]![0]!["state"]!.GetValue<string>());
        Assert.Contains("TICKET-7", audit[0]!["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_grant_with_a_one_second_expiry_stops_working()
    {
        using var carol = warehouse.ClientFor("carol");
        using var rita = warehouse.ClientFor("rita");
        const string Sql = "SELECT email FROM shop.main.customers LIMIT 1";
        await warehouse.Api.DataAsync(Grant, new { who = "carol", urn = Customers, level = "READ_PII", expires = DateTime.UtcNow.AddSeconds(1).ToString("O"), reason = "quick check" }, rita);

        var during = await warehouse.Api.GraphQLAsync(UnlockedQuery, new { sql = Sql, reason = "quick check" }, carol);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var after = await warehouse.Api.GraphQLAsync(UnlockedQuery, new { sql = Sql, reason = "quick check" }, carol);

        Assert.Null(CatalogApiFactory.ErrorCode(during));
        Assert.Equal("ACCESS_DENIED", CatalogApiFactory.ErrorCode(after));
    }

    [Fact]
    public async Task A_column_the_source_adds_to_an_approved_table_stays_hidden_and_old_queries_keep_answering()
    {
        using var root = warehouse.ClientFor("root", "admins");
        using var alice = warehouse.ClientFor("alice");
        using (var duck = new DuckDBConnection($"Data Source={warehouse.DatabasePath}"))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = "ALTER TABLE customers ADD COLUMN loyalty_points INTEGER DEFAULT 42; CHECKPOINT;";
            command.ExecuteNonQuery();
        }

        await warehouse.Api.DataAsync("mutation { ingestConnection(name: \"shop\") { added } }", client: root);
        var star = await QueryApiClient.RunAsync(warehouse.Api, "SELECT * FROM shop.main.customers", alice);
        var (columns, _) = await QueryApiClient.AllRowsAsync(warehouse.Api, star["id"]!.GetValue<string>(), client: alice);
        var named = await warehouse.Api.GraphQLAsync("mutation { startQuery(sql: \"SELECT loyalty_points FROM shop.main.customers\") { id } }", client: alice);

        Assert.Equal("SUCCEEDED", star["state"]!.GetValue<string>());
        Assert.Equal(["id", "email", "tier"], columns);
        Assert.Equal("ACCESS_DENIED", CatalogApiFactory.ErrorCode(named));
        Assert.Contains("pending review", named["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("alice", "READ", 3600, "FORBIDDEN")]
    [InlineData("rita", "READ", -60, "BAD_USER_INPUT")]
    [InlineData("rita", "READ_PII", 3600L * 24 * 365 * 100, "BAD_USER_INPUT")]
    public async Task Grants_from_non_reviewers_or_with_expiries_in_the_past_or_absurdly_far_are_refused(string who, string level, long seconds, string code)
    {
        using var client = warehouse.ClientFor(who);

        var result = await warehouse.Api.GraphQLAsync(Grant, new { who = "alice", urn = Customers, level, expires = DateTime.UtcNow.AddSeconds(seconds).ToString("O"), reason = "x" }, client);

        Assert.Equal(code, CatalogApiFactory.ErrorCode(result));
    }

    [Fact]
    public async Task Nobody_decides_a_request_without_the_reviewer_role_and_a_reviewer_never_decides_their_own()
    {
        using var dave = warehouse.ClientFor("dave");
        using var alice = warehouse.ClientFor("alice");
        using var rita = warehouse.ClientFor("rita");
        var daves = (await warehouse.Api.DataAsync(Request, new { urn = Dump, reason = "need raw", minutes = 30 }, dave))["requestAccess"]!["id"]!.GetValue<string>();
        var ritas = (await warehouse.Api.DataAsync(Request, new { urn = Dump, reason = "mine", minutes = 30 }, rita))["requestAccess"]!["id"]!.GetValue<string>();

        var byAlice = await warehouse.Api.GraphQLAsync("mutation($id: ID!) { approveAccessRequest(id: $id) { state } }", new { id = daves }, alice);
        var selfApproved = await warehouse.Api.GraphQLAsync("mutation($id: ID!) { approveAccessRequest(id: $id) { state } }", new { id = ritas }, rita);
        var denied = await warehouse.Api.DataAsync("mutation($id: ID!) { denyAccessRequest(id: $id, note: \"use the mart\") { state decisionNote } }", new { id = daves }, rita);
        var again = await warehouse.Api.GraphQLAsync("mutation($id: ID!) { approveAccessRequest(id: $id) { state } }", new { id = daves }, rita);
        var othersAudit = await warehouse.Api.GraphQLAsync("{ governanceAudit(user: \"dave\") { summary } }", client: alice);

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(byAlice));
        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(selfApproved));
        Assert.Equal("DENIED", denied["denyAccessRequest"]!["state"]!.GetValue<string>());
        Assert.Equal("CONFLICT", CatalogApiFactory.ErrorCode(again));
        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(othersAudit));
    }

    [Fact]
    public async Task Oversized_or_missing_reasons_and_bad_durations_are_refused()
    {
        using var erin = warehouse.ClientFor("erin");
        var huge = new string('x', 10_000);

        var oversized = await warehouse.Api.GraphQLAsync(Request, new { urn = Customers, reason = huge, minutes = 60 }, erin);
        var blank = await warehouse.Api.GraphQLAsync(Request, new { urn = Customers, reason = "  ", minutes = 60 }, erin);
        var forever = await warehouse.Api.GraphQLAsync(Request, new { urn = Customers, reason = "ok", minutes = int.MaxValue }, erin);
        var negative = await warehouse.Api.GraphQLAsync(Request, new { urn = Customers, reason = "ok", minutes = -5 }, erin);
        var unknown = await warehouse.Api.GraphQLAsync(Request, new { urn = "urn:tl:dataset:shop.main.nope", reason = "ok", minutes = 5 }, erin);
        var unlockWithoutReason = await warehouse.Api.GraphQLAsync(UnlockedQuery, new { sql = "SELECT email FROM shop.main.customers", reason = (string?)null }, erin);
        var unlockHugeReason = await warehouse.Api.GraphQLAsync(UnlockedQuery, new { sql = "SELECT email FROM shop.main.customers", reason = huge }, erin);

        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(oversized));
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(blank));
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(forever));
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(negative));
        Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(unknown));
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(unlockWithoutReason));
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(unlockHugeReason));
    }

    [Fact]
    public async Task A_non_reviewer_cannot_review_or_classify()
    {
        using var alice = warehouse.ClientFor("alice");

        var review = await warehouse.Api.GraphQLAsync($"mutation {{ reviewDataset(urn: \"{Dump}\", state: APPROVED) {{ state }} }}", client: alice);
        var classify = await warehouse.Api.GraphQLAsync($"mutation {{ classifyColumn(urn: \"{Customers}\", column: \"email\", category: NONE) {{ state }} }}", client: alice);
        var query = await warehouse.Api.GraphQLAsync("mutation { startQuery(sql: \"SELECT * FROM shop.raw.dump\") { id } }", client: alice);

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(review));
        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(classify));
        Assert.Equal("ACCESS_DENIED", CatalogApiFactory.ErrorCode(query));
    }

    [Fact]
    public async Task A_reviewer_approves_a_pending_table_and_its_columns_then_it_answers()
    {
        using var rita = warehouse.ClientFor("rita");
        using var frank = warehouse.ClientFor("frank");
        const string Urn = "urn:tl:dataset:shop2.main.customers";

        var item = (await warehouse.Api.DataAsync($"mutation {{ reviewDataset(urn: \"{Urn}\", state: APPROVED, note: \"same file, reviewed\") {{ state columns {{ name state }} }} }}", client: rita))["reviewDataset"]!;
        var run = await QueryApiClient.RunAsync(warehouse.Api, "SELECT count(*) AS n FROM shop2.main.customers", frank);

        Assert.Equal("APPROVED", item["state"]!.GetValue<string>());
        Assert.All(item["columns"]!.AsArray(), c => Assert.Equal("APPROVED", c!["state"]!.GetValue<string>()));
        Assert.Equal("SUCCEEDED", run["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trino_rules_render_the_same_decisions_and_are_served_to_reviewers_only()
    {
        using var rita = warehouse.ClientFor("rita");
        using var alice = warehouse.ClientFor("alice");

        using var response = await rita.GetAsync("/api/governance/trino/rules.json");
        var rules = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var refused = await alice.GetAsync("/api/governance/trino/rules.json");

        var tables = rules["tables"]!.AsArray();
        var customers = tables.Single(t => t!["table"]?.GetValue<string>() == @"\Qcustomers\E" && t["catalog"]!.GetValue<string>() == @"\Qshop\E" && t["user"] is null && t["group"] is null)!;
        var columns = customers["columns"]!.AsArray();
        Assert.Equal(["SELECT"], customers["privileges"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.False(columns.Single(c => c!["name"]!.GetValue<string>() == "secret_score")!["allow"]!.GetValue<bool>());
        Assert.Contains("sha256", columns.Single(c => c!["name"]!.GetValue<string>() == "email")!["mask"]!.GetValue<string>());
        Assert.DoesNotContain(tables, t => t!["table"]?.GetValue<string>() == @"\Qdump\E");
        Assert.Empty(tables[^1]!["privileges"]!.AsArray());
        Assert.Null(tables[^1]!["table"]);
        Assert.Equal(".*", rules["catalogs"]!.AsArray()[^1]!["catalog"]!.GetValue<string>());
        Assert.Equal("none", rules["catalogs"]!.AsArray()[^1]!["allow"]!.GetValue<string>());
        Assert.Equal(403, (int)refused.StatusCode);
    }
}
