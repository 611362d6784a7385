using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>Agent memory through the JSON tools as different users: private and team notes, found by recall and search, kept across a restart.</summary>
public sealed class AgentMemoryTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> HeaderAuth = new() { ["TownLake:Auth:Mode"] = "header" };
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-memory-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Notes_are_private_or_shared_found_by_recall_and_search_and_survive_a_restart()
    {
        string shared, secret;
        await using (var api = new CatalogApiFactory(_dataDirectory, demo: true, settings: HeaderAuth))
        {
            using var alice = Client(api, "alice", "finance-analytics");
            using var bob = Client(api, "bob", "finance-analytics");
            using var carol = Client(api, "carol", null);

            shared = (await PostAsync(alice, "remember", new { fact = "Revenue means demo.fct.billings_allocated.alloc_amount, not billed_amount", about = new[] { "demo.fct.billings_allocated" }, team = "finance-analytics" }))["remembered"]!["id"]!.GetValue<string>();
            secret = (await PostAsync(alice, "remember", new { fact = "My private shortcut for zones" }))["remembered"]!["id"]!.GetValue<string>();
            var notInTeam = await SendAsync(carol, "remember", new { fact = "x", team = "finance-analytics" });
            var bobRecall = await PostAsync(bob, "recall", new { query = "revenue" });
            var bobSearch = await PostAsync(bob, "search_datasets", new { query = "allocated billing amount" });
            var carolRecall = await PostAsync(carol, "recall", new { query = "revenue" });
            var bobForgetsSecret = await SendAsync(bob, "forget", new { id = secret });

            Assert.Equal(403, notInTeam.Status);
            Assert.Contains(bobRecall["notes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == shared && n["visibility"]!.GetValue<string>() == "team:finance-analytics");
            Assert.DoesNotContain(bobRecall["notes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == secret);
            Assert.Contains(bobSearch["notes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == shared);
            Assert.Empty(carolRecall["notes"]!.AsArray());
            Assert.Equal(404, bobForgetsSecret.Status);
        }

        await using (var restarted = new CatalogApiFactory(_dataDirectory, demo: true, settings: HeaderAuth))
        {
            using var alice = Client(restarted, "alice", "finance-analytics");
            using var bob = Client(restarted, "bob", "finance-analytics");

            var recalled = await PostAsync(alice, "recall", new { });
            var forgotten = await PostAsync(bob, "forget", new { id = shared });
            var after = await PostAsync(alice, "recall", new { });

            Assert.Equal(new[] { secret, shared }.Order(), recalled["notes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).Order());
            Assert.Equal(shared, forgotten["forgotten"]!.GetValue<string>());
            Assert.Equal([secret], after["notes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task An_anonymous_caller_cannot_remember_and_an_oversized_fact_is_refused()
    {
        await using var api = new CatalogApiFactory(_dataDirectory, settings: HeaderAuth);
        using var anonymous = api.CreateClient();
        using var alice = Client(api, "alice", null);

        var refused = await SendAsync(anonymous, "remember", new { fact = "x" });
        var huge = await SendAsync(alice, "remember", new { fact = new string('x', 100_000) });
        var badAbout = await SendAsync(alice, "remember", new { fact = "x", about = "demo.dim.accounts" });

        Assert.Equal(401, refused.Status);
        Assert.Equal(400, huge.Status);
        Assert.True(huge.Text.Length < 2_000);
        Assert.Equal(400, badAbout.Status);
        Assert.Contains("'about'", badAbout.Text);
    }

    private static HttpClient Client(CatalogApiFactory api, string user, string? groups)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        if (groups is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Groups", groups);
        }

        return client;
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string tool, object arguments)
    {
        var (status, text) = await SendAsync(client, tool, arguments);
        Assert.True(status == 200, $"{tool}: {status} {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<(int Status, string Text)> SendAsync(HttpClient client, string tool, object arguments)
    {
        using var response = await client.PostAsJsonAsync("/api/agent/" + tool, arguments);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
