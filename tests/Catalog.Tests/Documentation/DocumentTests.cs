namespace TownLake.Catalog.Tests.Documentation;

/// <summary>Documentation pages: written through GraphQL, linked to datasets, found by search.</summary>
public sealed class DocumentTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(demo: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_documentation_page_is_stored_linked_and_found_by_its_text()
    {
        var created = await _api.DataAsync("""
            mutation { upsertDocument(title: "How we recognise revenue", body: "Annual plans are **amortised** monthly: see the allocation rules.",
              relatedDatasets: ["demo.fct.billings_allocated"]) { urn name type relatedDatasets { name } } }
            """);
        var urn = created["upsertDocument"]!["urn"]!.GetValue<string>();

        var found = await EventuallyAsync(async () => (await _api.DataAsync("""{ search(query: "amortised", types: [DOCUMENT]) { results { entity { urn type ... on Document { body } } } } }"""))["search"]!["results"]!.AsArray());
        var listed = await _api.DataAsync("""{ documents { name } }""");

        Assert.Equal("urn:tl:document:how-we-recognise-revenue", urn);
        Assert.Equal("DOCUMENT", created["upsertDocument"]!["type"]!.GetValue<string>());
        Assert.Equal("demo.fct.billings_allocated", created["upsertDocument"]!["relatedDatasets"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(urn, found[0]!["entity"]!["urn"]!.GetValue<string>());
        Assert.Contains("amortised", found[0]!["entity"]!["body"]!.GetValue<string>());
        Assert.Single(listed["documents"]!.AsArray());
    }

    [Fact]
    public async Task A_dataset_lists_the_data_model_pages_that_explain_it_and_no_others()
    {
        await _api.DataAsync("""
            mutation {
              a: upsertDocument(title: "Billing data model", body: "Facts and dimensions of billing.", relatedDatasets: ["demo.fct.billings_allocated", "demo.dim.accounts"]) { urn }
              b: upsertDocument(title: "Accounts glossary", body: "What an account is.", relatedDatasets: ["demo.dim.accounts"]) { urn }
              c: upsertDocument(title: "Zones", body: "Zones.", relatedDatasets: ["demo.dim.zones"]) { urn } }
            """);

        var data = await _api.DataAsync("""
            { accounts: dataset(name: "demo.dim.accounts") { documents { urn name } }
              billings: dataset(name: "demo.fct.billings_allocated") { documents { name relatedDatasets { name } } }
              arr: dataset(name: "demo.fct.arr_by_account") { documents { name } } }
            """);

        Assert.Equal(["Accounts glossary", "Billing data model"], data["accounts"]!["documents"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()));
        Assert.Equal("urn:tl:document:accounts-glossary", data["accounts"]!["documents"]![0]!["urn"]!.GetValue<string>());
        Assert.Equal("Billing data model", Assert.Single(data["billings"]!["documents"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Empty(data["arr"]!["documents"]!.AsArray());
    }

    [Theory]
    [InlineData("""mutation { upsertDocument(title: "  ", body: "x") { urn } }""", "BAD_USER_INPUT")]
    [InlineData("""mutation { upsertDocument(title: "!!!", body: "x") { urn } }""", "BAD_USER_INPUT")]
    [InlineData("""mutation { upsertDocument(title: "Guide", body: "x", relatedDatasets: ["demo.no.such"]) { urn } }""", "NOT_FOUND")]
    public async Task Bad_documents_are_refused_with_a_code(string operation, string code)
    {
        Assert.Equal(code, CatalogApiFactory.ErrorCode(await _api.GraphQLAsync(operation)));
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> EventuallyAsync(Func<Task<System.Text.Json.Nodes.JsonArray>> read)
    {
        // Generous: the index refreshes in the background, which a loaded CI machine can delay by seconds.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var value = await read();
            if (value.Count > 0 || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
