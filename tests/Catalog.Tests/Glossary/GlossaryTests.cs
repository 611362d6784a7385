using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Glossary;

/// <summary>The business glossary through GraphQL: term groups and their hierarchy, synonyms, related terms, the datasets and columns carrying a term.</summary>
public sealed class GlossaryTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task<JsonNode> CreateAsync(string input) => _api.DataAsync($$"""mutation { createGlossaryTerm(input: {{input}}) { urn name } }""");

    private static List<string> Names(JsonNode? list) => list!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_term_created_in_a_group_is_read_back_with_its_parent_synonyms_and_related_terms()
    {
        await CreateAsync("""{ name: "Finance", isGroup: true, definition: "Money terms" }""");
        await CreateAsync("""{ name: "Revenue", parent: "Finance", definition: "Income from sales" }""");
        var created = await CreateAsync("""{ name: "ARR", parent: "Finance", definition: "Annual recurring revenue", synonyms: ["annual run rate", "ARR"], relatedTerms: ["Revenue"] }""");

        var data = await _api.DataAsync("""
            { term: glossaryTerm(name: "ARR") { urn name type definition isGroup synonyms parent { name isGroup } relatedTerms { name } }
              group: glossaryTerm(name: "Finance") { isGroup children { name } }
              byUrn: glossaryTerm(urn: "urn:tl:glossaryTerm:ARR") { name } }
            """);

        var term = data["term"]!;
        Assert.Equal(created["createGlossaryTerm"]!["urn"]!.GetValue<string>(), term["urn"]!.GetValue<string>());
        Assert.Equal("GLOSSARY_TERM", term["type"]!.GetValue<string>());
        Assert.Equal("Annual recurring revenue", term["definition"]!.GetValue<string>());
        Assert.False(term["isGroup"]!.GetValue<bool>());
        Assert.Equal(["annual run rate", "ARR"], term["synonyms"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Finance", term["parent"]!["name"]!.GetValue<string>());
        Assert.True(term["parent"]!["isGroup"]!.GetValue<bool>());
        Assert.Equal(["Revenue"], Names(term["relatedTerms"]));
        Assert.True(data["group"]!["isGroup"]!.GetValue<bool>());
        Assert.Equal(["ARR", "Revenue"], Names(data["group"]!["children"]).Order(StringComparer.Ordinal));
        Assert.Equal("ARR", data["byUrn"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Terms_are_listed_by_name_inside_a_group_or_at_the_top_level()
    {
        await CreateAsync("""{ name: "Finance", isGroup: true }""");
        await CreateAsync("""{ name: "Revenue", parent: "Finance" }""");
        await CreateAsync("""{ name: "Churn" }""");

        var data = await _api.DataAsync("""
            { all: glossaryTerms { name } inFinance: glossaryTerms(parent: "Finance") { name } roots: glossaryTerms(rootsOnly: true) { name } }
            """);

        Assert.Equal(["Churn", "Finance", "Revenue"], Names(data["all"]));
        Assert.Equal(["Revenue"], Names(data["inFinance"]));
        Assert.Equal(["Churn", "Finance"], Names(data["roots"]));
    }

    [Fact]
    public async Task A_term_lists_the_datasets_and_columns_that_carry_it()
    {
        await CreateAsync("""{ name: "Customer" }""");
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "shop.crm.accounts", columns: [{ name: "account_id" }] }) { urn } }""");
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "shop.sales.orders", columns: [{ name: "customer_id" }] }) { urn } }""");
        await _api.DataAsync("""mutation { addGlossaryTerms(urn: "urn:tl:dataset:shop.crm.accounts", terms: ["Customer"]) { urn } }""");
        await _api.DataAsync("""mutation { addGlossaryTerms(urn: "urn:tl:dataset:shop.sales.orders", column: "customer_id", terms: ["Customer"]) { urn } }""");

        var term = (await _api.DataAsync("""{ glossaryTerm(name: "Customer") { datasets { name } columns { column { name } dataset { name } } } }"""))["glossaryTerm"]!;

        Assert.Equal(["shop.crm.accounts", "shop.sales.orders"], Names(term["datasets"]).Order(StringComparer.Ordinal));
        var column = Assert.Single(term["columns"]!.AsArray())!;
        Assert.Equal("customer_id", column["column"]!["name"]!.GetValue<string>());
        Assert.Equal("shop.sales.orders", column["dataset"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_term_reads_as_null()
    {
        var data = await _api.DataAsync("""{ glossaryTerm(name: "Nope") { name } }""");

        Assert.Null(data["glossaryTerm"]);
    }

    [Theory]
    [InlineData("""mutation { createGlossaryTerm(input: { name: "Orphan", parent: "NoSuchGroup" }) { urn } }""", "NOT_FOUND")]
    [InlineData("""mutation { createGlossaryTerm(input: { name: "Linked", relatedTerms: ["NoSuchTerm"] }) { urn } }""", "NOT_FOUND")]
    [InlineData("""mutation { createGlossaryTerm(input: { name: "   " }) { urn } }""", "BAD_USER_INPUT")]
    [InlineData("""{ glossaryTerm(name: "A", urn: "urn:tl:glossaryTerm:A") { name } }""", "BAD_USER_INPUT")]
    [InlineData("""{ glossaryTerm { name } }""", "BAD_USER_INPUT")]
    [InlineData("""{ glossaryTerm(urn: "urn:tl:dataset:a.b.c") { name } }""", "BAD_USER_INPUT")]
    public async Task Bad_glossary_input_is_refused_with_its_code(string operation, string code)
    {
        var result = await _api.GraphQLAsync(operation);

        Assert.Equal(code, CatalogApiFactory.ErrorCode(result));
    }

    [Fact]
    public async Task A_definition_longer_than_64_KiB_is_refused()
    {
        var result = await _api.GraphQLAsync("mutation($d: String) { createGlossaryTerm(input: { name: \"Long\", definition: $d }) { urn } }", new { d = new string('x', 65_537) });

        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(result));
    }

    [Fact]
    public async Task Creating_a_term_twice_is_a_conflict_and_keeps_the_first()
    {
        await CreateAsync("""{ name: "Order", definition: "A purchase" }""");

        var again = await _api.GraphQLAsync("""mutation { createGlossaryTerm(input: { name: "Order", definition: "Something else" }) { urn } }""");
        var term = await _api.DataAsync("""{ glossaryTerm(name: "Order") { definition } }""");

        Assert.Equal("CONFLICT", CatalogApiFactory.ErrorCode(again));
        Assert.Equal("A purchase", term["glossaryTerm"]!["definition"]!.GetValue<string>());
    }
}
