using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>Shared agent memory for people through GraphQL: list and search notes, edit and delete them, and every way to reach someone else's note refused.</summary>
public sealed class AgentNoteGraphQLTests : IAsyncLifetime
{
    private const string List = """
        query($query: String, $about: String, $author: String, $team: String, $sharedOnly: Boolean, $first: Int) {
          agentNotes(query: $query, about: $about, author: $author, team: $team, sharedOnly: $sharedOnly, first: $first) { id fact about author team shared updatedBy canEdit }
        }
        """;

    private const string Update = "mutation($id: ID!, $fact: String, $about: [String!]) { updateAgentNote(id: $id, fact: $fact, about: $about) { id fact about updatedBy } }";
    private const string Delete = "mutation($id: ID!) { deleteAgentNote(id: $id) }";

    private readonly CatalogApiFactory _api = new(settings: new Dictionary<string, string?>
    {
        ["TownLake:Auth:Mode"] = "header",
        ["TownLake:Auth:Stewards"] = "stella",
    });

    private HttpClient _alice = null!, _bob = null!, _carol = null!, _stella = null!;
    private string _shared = "", _private = "", _sales = "";

    public async Task InitializeAsync()
    {
        _alice = Client("alice", "finance-analytics");
        _bob = Client("bob", "finance-analytics");
        _carol = Client("carol", "sales");
        _stella = Client("stella", null);
        _shared = await RememberAsync(_alice, new { fact = "Revenue means demo.fct.billings_allocated.alloc_amount, not billed_amount", about = new[] { "demo.fct.billings_allocated.alloc_amount" }, team = "finance-analytics" });
        _private = await RememberAsync(_alice, new { fact = "My private shortcut: zones live in demo.dim.accounts", about = new[] { "demo.dim.accounts" } });
        _sales = await RememberAsync(_carol, new { fact = "Pipeline stages are in crm.opportunities.stage", team = "sales" });
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _alice, _bob, _carol, _stella })
        {
            client.Dispose();
        }

        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Each_person_lists_their_own_private_notes_and_their_teams_shared_ones_and_stewards_every_shared_one()
    {
        Assert.Equal(new[] { _private, _shared }.Order(), Ids(await ListAsync(_alice, new { })).Order());
        Assert.Equal([_shared], Ids(await ListAsync(_bob, new { })));
        Assert.Equal([_sales], Ids(await ListAsync(_carol, new { })));
        Assert.Equal(new[] { _sales, _shared }.Order(), Ids(await ListAsync(_stella, new { })).Order());
        // An anonymous caller is refused by the proxy identity check, or (where anonymous reads are allowed) sees no note.
        var anonymous = await _api.GraphQLAsync(List, new { }, _api.CreateClient());
        Assert.True(anonymous["data"]?["agentNotes"] is null or JsonArray { Count: 0 }, anonymous.ToJsonString());
    }

    [Fact]
    public async Task Notes_are_searched_and_filtered_by_entity_author_and_team()
    {
        var byWords = await ListAsync(_alice, new { query = "revenue billed" });
        var byDataset = await ListAsync(_alice, new { about = "demo.fct.billings_allocated" });
        var byAuthor = await ListAsync(_stella, new { author = "carol" });
        var byTeam = await ListAsync(_stella, new { team = "finance-analytics" });
        var sharedOnly = await ListAsync(_alice, new { sharedOnly = true });

        Assert.Equal([_shared], Ids(byWords));
        Assert.Equal([_shared], Ids(byDataset));
        Assert.Equal(["demo.fct.billings_allocated.alloc_amount"], byDataset[0]!["about"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal([_sales], Ids(byAuthor));
        Assert.Equal([_shared], Ids(byTeam));
        Assert.Equal([_shared], Ids(sharedOnly));
    }

    [Fact]
    public async Task A_team_member_edits_a_shared_note_and_a_steward_deletes_it()
    {
        var edited = await _api.DataAsync(Update, new { id = _shared, fact = "Revenue is alloc_amount (USD)", about = new[] { "demo.fct.billings_allocated" } }, _bob);
        var deleted = await _api.DataAsync(Delete, new { id = _shared }, _stella);
        var after = await ListAsync(_alice, new { });

        Assert.Equal("Revenue is alloc_amount (USD)", edited["updateAgentNote"]!["fact"]!.GetValue<string>());
        Assert.Equal("bob", edited["updateAgentNote"]!["updatedBy"]!.GetValue<string>());
        Assert.Equal(["demo.fct.billings_allocated"], edited["updateAgentNote"]!["about"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(_shared, deleted["deleteAgentNote"]!.GetValue<string>());
        Assert.Equal([_private], Ids(after));
    }

    [Fact]
    public async Task Someone_elses_private_note_cannot_be_read_edited_or_deleted_not_even_by_a_steward()
    {
        foreach (var other in new[] { _bob, _stella })
        {
            Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(await _api.GraphQLAsync(Update, new { id = _private, fact = "hijacked" }, other)));
            Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(await _api.GraphQLAsync(Delete, new { id = _private }, other)));
            Assert.DoesNotContain(_private, Ids(await ListAsync(other, new { author = "alice" })));
        }

        Assert.Equal("My private shortcut: zones live in demo.dim.accounts", (await ListAsync(_alice, new { about = "demo.dim.accounts" }))[0]!["fact"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_shared_note_is_forbidden_to_people_outside_its_team_and_to_anonymous_callers()
    {
        var carolEdits = await _api.GraphQLAsync(Update, new { id = _shared, fact = "hijacked" }, _carol);
        var carolDeletes = await _api.GraphQLAsync(Delete, new { id = _shared }, _carol);
        var anonymousDeletes = await _api.GraphQLAsync(Delete, new { id = _shared }, _api.CreateClient());
        var aliceCanEdit = await ListAsync(_alice, new { });

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(carolEdits));
        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(carolDeletes));
        Assert.Null(anonymousDeletes["data"]?["deleteAgentNote"]);
        Assert.True(CatalogApiFactory.ErrorCode(anonymousDeletes) == "FORBIDDEN" || anonymousDeletes["error"] is not null, anonymousDeletes.ToJsonString());
        Assert.All(aliceCanEdit.AsArray(), n => Assert.True(n!["canEdit"]!.GetValue<bool>()));
        Assert.Contains(_shared, Ids(await ListAsync(_bob, new { query = "revenue" })));
    }

    [Fact]
    public async Task Oversized_or_malformed_input_is_refused_with_a_clear_error()
    {
        var hugeFact = await _api.GraphQLAsync(Update, new { id = _shared, fact = new string('x', 5_000) }, _alice);
        var emptyFact = await _api.GraphQLAsync(Update, new { id = _shared, fact = "   " }, _alice);
        var tooManySubjects = await _api.GraphQLAsync(Update, new { id = _shared, about = Enumerable.Range(0, 50).Select(i => $"demo.t{i}").ToArray() }, _alice);
        var hugeId = await _api.GraphQLAsync(Delete, new { id = new string('a', 10_000) }, _alice);
        var badFirst = await _api.GraphQLAsync(List, new { first = 500 }, _alice);
        var hugeQuery = await _api.GraphQLAsync(List, new { query = new string('q', 5_000) }, _alice);

        foreach (var result in new[] { hugeFact, emptyFact, tooManySubjects, hugeId, badFirst, hugeQuery })
        {
            Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(result));
            Assert.True(result.ToJsonString().Length < 2_000);
        }

        Assert.Equal("Revenue means demo.fct.billings_allocated.alloc_amount, not billed_amount", (await ListAsync(_alice, new { team = "finance-analytics" }))[0]!["fact"]!.GetValue<string>());
    }

    private async Task<JsonArray> ListAsync(HttpClient client, object variables) =>
        (await _api.DataAsync(List, variables, client))["agentNotes"]!.AsArray();

    private static List<string> Ids(JsonArray notes) => notes.Select(n => n!["id"]!.GetValue<string>()).ToList();

    private async Task<string> RememberAsync(HttpClient client, object arguments)
    {
        using var response = await client.PostAsJsonAsync("/api/agent/remember", arguments);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["remembered"]!["id"]!.GetValue<string>();
    }

    private HttpClient Client(string user, string? groups)
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        if (groups is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Groups", groups);
        }

        return client;
    }
}
