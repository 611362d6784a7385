namespace TownLake.Catalog.Tests.Datasets;

/// <summary>Changing the catalog through GraphQL: the ingestion upsert and the edits people make.</summary>
public sealed class DatasetMutationTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task UpsertOrdersAsync() => _api.DataAsync("""
        mutation { upsertDataset(input: { name: "shop.public.orders", platform: "postgres", description: "Orders placed in the shop",
          columns: [ { name: "order_id", type: "BIGINT", isPrimaryKey: true, nullable: false },
                     { name: "Customer Name", type: "TEXT", description: "who ordered" },
                     { name: "Official_ratings_(millions)", type: "DOUBLE" } ] }) { urn } }
        """);

    [Fact]
    public async Task Upsert_creates_a_dataset_and_is_idempotent()
    {
        await UpsertOrdersAsync();
        await UpsertOrdersAsync();

        var data = await _api.DataAsync("""{ dataset(name: "shop.public.orders") { schemaVersion columns { name ordinal nullable } history { aspect actor } } }""");

        var dataset = data["dataset"]!;
        Assert.Equal(1, dataset["schemaVersion"]!.GetValue<int>());
        Assert.Equal(["order_id", "Customer Name", "Official_ratings_(millions)"], dataset["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.False(dataset["columns"]![0]!["nullable"]!.GetValue<bool>());
        var history = dataset["history"]!.AsArray();
        Assert.All(history, h => Assert.Equal("admin", h!["actor"]!.GetValue<string>()));
        Assert.Equal(history.Count, history.Select(h => h!["aspect"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task A_schema_change_creates_a_new_schema_version_and_keeps_edited_descriptions()
    {
        await UpsertOrdersAsync();
        await _api.DataAsync("""mutation { updateDescription(urn: "urn:tl:dataset:shop.public.orders", column: "order_id", description: "Order key") { urn } }""");
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "shop.public.orders", columns: [ { name: "order_id", type: "BIGINT" }, { name: "placed_at", type: "TIMESTAMP" } ] }) { urn } }""");

        var data = await _api.DataAsync("""{ dataset(name: "shop.public.orders") { schemaVersion description column(name: "order_id") { description } columns { name } history(first: 100) { aspect } } }""");

        var dataset = data["dataset"]!;
        Assert.Equal(2, dataset["schemaVersion"]!.GetValue<int>());
        Assert.Equal("Order key", dataset["column"]!["description"]!.GetValue<string>());
        Assert.Equal("Orders placed in the shop", dataset["description"]!.GetValue<string>());
        Assert.Equal(["order_id", "placed_at"], dataset["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Edits_return_the_changed_dataset_and_are_recorded()
    {
        await UpsertOrdersAsync();
        await _api.DataAsync("""mutation { createGlossaryTerm(input: { name: "Order", definition: "A purchase", synonyms: ["purchase"] }) { urn } }""");
        const string urn = "urn:tl:dataset:shop.public.orders";

        var tagged = await _api.DataAsync($$"""mutation { addTags(urn: "{{urn}}", tags: ["curated", "sales"]) { tags { name } } }""");
        var columnTagged = await _api.DataAsync($$"""mutation { addTags(urn: "{{urn}}", column: "Customer Name", tags: ["pii"]) { column(name: "Customer Name") { tags { name } } } }""");
        var untagged = await _api.DataAsync($$"""mutation { removeTags(urn: "{{urn}}", tags: ["sales"]) { tags { name } } }""");
        var owned = await _api.DataAsync($$"""mutation { addOwners(urn: "{{urn}}", owners: [{ name: "sales-eng", kind: GROUP, ownershipType: BUSINESS_OWNER }, { name: "carol" }]) { owners { name kind ownershipType } } }""");
        var unowned = await _api.DataAsync($$"""mutation { removeOwners(urn: "{{urn}}", owners: ["carol"]) { owners { name } } }""");
        var termed = await _api.DataAsync($$"""mutation { addGlossaryTerms(urn: "{{urn}}", terms: ["Order"]) { glossaryTerms { name definition } } }""");
        var unTermed = await _api.DataAsync($$"""mutation { removeGlossaryTerms(urn: "{{urn}}", terms: ["Order"]) { glossaryTerms { name } } }""");
        var domained = await _api.DataAsync($$"""mutation { setDomain(urn: "{{urn}}", domain: "Sales") { domain { name } } }""");
        var deprecated = await _api.DataAsync($$"""mutation { deprecate(urn: "{{urn}}", deprecated: true, note: "use shop.public.orders_v2") { deprecation { deprecated note actor } } }""");
        var deleted = await _api.DataAsync($$"""mutation { deleteDataset(urn: "{{urn}}") { removed } }""");

        Assert.Equal(["curated", "sales"], tagged["addTags"]!["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("pii", columnTagged["addTags"]!["column"]!["tags"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(["curated"], untagged["removeTags"]!["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Contains(owned["addOwners"]!["owners"]!.AsArray(), o => o!["name"]!.GetValue<string>() == "sales-eng" && o["kind"]!.GetValue<string>() == "GROUP");
        Assert.Single(unowned["removeOwners"]!["owners"]!.AsArray());
        Assert.Equal("A purchase", termed["addGlossaryTerms"]!["glossaryTerms"]![0]!["definition"]!.GetValue<string>());
        Assert.Empty(unTermed["removeGlossaryTerms"]!["glossaryTerms"]!.AsArray());
        Assert.Equal("Sales", domained["setDomain"]!["domain"]!["name"]!.GetValue<string>());
        Assert.Equal("admin", deprecated["deprecate"]!["deprecation"]!["actor"]!.GetValue<string>());
        Assert.True(deleted["deleteDataset"]!["removed"]!.GetValue<bool>());

        var after = await _api.DataAsync("""{ datasets { totalCount } all: datasets(filter: { includeRemoved: true }) { totalCount } dataset(name: "shop.public.orders") { history(first: 100) { aspect } } }""");
        Assert.Equal(0, after["datasets"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(1, after["all"]!["totalCount"]!.GetValue<int>());
        var aspects = after["dataset"]!["history"]!.AsArray().Select(h => h!["aspect"]!.GetValue<string>()).ToList();
        Assert.Contains("tags", aspects);
        Assert.Contains("ownership", aspects);
        Assert.Contains("deprecation", aspects);
        Assert.Contains("status", aspects);
    }

    [Fact]
    public async Task Editing_an_unknown_dataset_is_not_found()
    {
        var result = await _api.GraphQLAsync("""mutation { updateDescription(urn: "urn:tl:dataset:a.b.c", description: "x") { urn } }""");

        Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(result));
    }

    [Fact]
    public async Task Attaching_an_unknown_glossary_term_is_not_found()
    {
        await UpsertOrdersAsync();

        var result = await _api.GraphQLAsync("""mutation { addGlossaryTerms(urn: "urn:tl:dataset:shop.public.orders", terms: ["Nope"]) { urn } }""");

        Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(result));
        Assert.Contains("Nope", result["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""mutation { upsertDataset(input: { name: "only.two" }) { urn } }""")]
    [InlineData("""mutation { upsertDataset(input: { name: "a.b.c", columns: [{ name: "x" }, { name: "x" }] }) { urn } }""")]
    [InlineData("""mutation { upsertDataset(input: { name: "a.b.c", platform: "has space" }) { urn } }""")]
    [InlineData("""mutation { addTags(urn: "not-a-urn", tags: ["x"]) { urn } }""")]
    [InlineData("""mutation { addTags(urn: "urn:tl:dataset:a.b.c", tags: ["  "]) { urn } }""")]
    [InlineData("""{ dataset(name: "a.b.c", urn: "urn:tl:dataset:a.b.c") { urn } }""")]
    [InlineData("""{ datasets(first: 5000) { totalCount } }""")]
    [InlineData("""{ datasets(after: "%%%") { totalCount } }""")]
    public async Task Bad_input_is_a_bad_user_input_error(string operation)
    {
        var result = await _api.GraphQLAsync(operation);

        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(result));
    }

    [Theory]
    [InlineData("a.b.c ")]
    [InlineData(" a.b.c")]
    [InlineData("a.b .c")]
    [InlineData("\"a\"b.c.d")]
    [InlineData("a.\"b\" .c")]
    public async Task A_name_with_stray_spaces_or_characters_is_refused_and_never_becomes_a_second_dataset(string name)
    {
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "a.b.c", columns: [{ name: "x" }] }) { urn } }""");

        var result = await _api.GraphQLAsync("""mutation($name: String!) { upsertDataset(input: { name: $name, columns: [{ name: "x" }] }) { urn } }""", new { name });
        var datasets = await _api.DataAsync("""{ datasets(first: 100) { totalCount nodes { name } } }""");

        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(result));
        Assert.Equal(1, datasets["datasets"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("a.b.c", datasets["datasets"]!["nodes"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_quoted_spelling_of_an_existing_name_updates_that_dataset()
    {
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "a.b.c", columns: [{ name: "x" }] }) { urn } }""");

        var data = await _api.DataAsync("""mutation { upsertDataset(input: { name: "\"a\".b.\"c\"", columns: [{ name: "x" }] }) { urn name } }""");
        var datasets = await _api.DataAsync("""{ datasets(first: 100) { totalCount } }""");

        Assert.Equal("urn:tl:dataset:a.b.c", data["upsertDataset"]!["urn"]!.GetValue<string>());
        Assert.Equal(1, datasets["datasets"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Creating_a_glossary_term_twice_is_a_conflict()
    {
        await _api.DataAsync("""mutation { createGlossaryTerm(input: { name: "Order" }) { urn } }""");

        var result = await _api.GraphQLAsync("""mutation { createGlossaryTerm(input: { name: "Order" }) { urn } }""");

        Assert.Equal("CONFLICT", CatalogApiFactory.ErrorCode(result));
    }
}
