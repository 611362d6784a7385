using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Glossary;

/// <summary>Editing glossary terms through GraphQL: definition, synonyms, group and name (references follow), with role checks and bad input refused.</summary>
public sealed class GlossaryEditTests : IAsyncLifetime
{
    private const string Update = "mutation($name: String!, $input: GlossaryTermUpdateInput!) { updateGlossaryTerm(name: $name, input: $input) { name definition synonyms parent { name } relatedTerms { name } } }";

    private readonly CatalogApiFactory _api = new(settings: new Dictionary<string, string?>
    {
        ["TownLake:Auth:Mode"] = "header",
        ["TownLake:Auth:Stewards"] = "stella",
    });

    private HttpClient _stella = null!, _mallory = null!;

    public async Task InitializeAsync()
    {
        _stella = Client("stella");
        _mallory = Client("mallory");
        foreach (var input in new[]
        {
            """{ name: "Finance", isGroup: true }""",
            """{ name: "Sales", isGroup: true }""",
            """{ name: "Revenue", parent: "Finance", definition: "Income" }""",
            """{ name: "ARR", parent: "Finance", relatedTerms: ["Revenue"] }""",
            """{ name: "Bookings", parent: "Sales" }""",
        })
        {
            await _api.DataAsync($$"""mutation { createGlossaryTerm(input: {{input}}) { urn } }""", client: _stella);
        }
    }

    public async Task DisposeAsync()
    {
        _stella.Dispose();
        _mallory.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_steward_edits_a_terms_definition_synonyms_and_group()
    {
        var edited = (await _api.DataAsync(Update, new { name = "Revenue", input = new { definition = "Income from **sales**", synonyms = new[] { "turnover" }, parent = "Sales" } }, _stella))["updateGlossaryTerm"]!;
        var moved = (await _api.DataAsync(Update, new { name = "Bookings", input = new { parent = "" } }, _stella))["updateGlossaryTerm"]!;
        var read = await _api.DataAsync("""{ glossaryTerm(name: "Revenue") { definition synonyms parent { name } } sales: glossaryTerm(name: "Sales") { children { name } } }""", client: _stella);

        Assert.Equal("Income from **sales**", (string)edited["definition"]!);
        Assert.Equal(["turnover"], edited["synonyms"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("Sales", (string)read["glossaryTerm"]!["parent"]!["name"]!);
        Assert.Null(moved["parent"]);
        Assert.Equal(["Revenue"], read["sales"]!["children"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Fact]
    public async Task A_renamed_term_keeps_its_datasets_columns_children_and_related_terms()
    {
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "shop.crm.accounts", columns: [{ name: "arr" }] }) { urn } }""", client: _stella);
        await _api.DataAsync("""mutation { addGlossaryTerms(urn: "urn:tl:dataset:shop.crm.accounts", terms: ["Revenue"]) { urn } }""", client: _stella);
        await _api.DataAsync("""mutation { addGlossaryTerms(urn: "urn:tl:dataset:shop.crm.accounts", column: "arr", terms: ["Revenue"]) { urn } }""", client: _stella);
        await _api.DataAsync("""mutation { createGlossaryTerm(input: { name: "Net revenue", parent: "Revenue" }) { urn } }""", client: _stella);

        var renamed = (await _api.DataAsync(Update, new { name = "Revenue", input = new { name = "Gross revenue" } }, _stella))["updateGlossaryTerm"]!;
        var read = await _api.DataAsync("""
            { old: glossaryTerm(name: "Revenue") { name }
              term: glossaryTerm(name: "Gross revenue") { definition parent { name } children { name } datasets { name } columns { column { name } } }
              arr: glossaryTerm(name: "ARR") { relatedTerms { name } }
              all: glossaryTerms { name }
              dataset(name: "shop.crm.accounts") { glossaryTerms { name } column(name: "arr") { glossaryTerms { name } } } }
            """, client: _stella);

        Assert.Equal("Gross revenue", (string)renamed["name"]!);
        Assert.DoesNotContain("Revenue", read["all"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.Equal("Income", (string)read["term"]!["definition"]!);
        Assert.Equal("Finance", (string)read["term"]!["parent"]!["name"]!);
        Assert.Equal(["Net revenue"], read["term"]!["children"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal(["shop.crm.accounts"], read["term"]!["datasets"]!.AsArray().Select(d => (string)d!["name"]!));
        Assert.Equal(["arr"], read["term"]!["columns"]!.AsArray().Select(c => (string)c!["column"]!["name"]!));
        Assert.Equal(["Gross revenue"], read["arr"]!["relatedTerms"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.Equal(["Gross revenue"], read["dataset"]!["glossaryTerms"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.Equal(["Gross revenue"], read["dataset"]!["column"]!["glossaryTerms"]!.AsArray().Select(t => (string)t!["name"]!));
    }

    [Fact]
    public async Task A_reader_may_not_edit_a_term_and_it_stays_unchanged()
    {
        var refused = await _api.GraphQLAsync(Update, new { name = "Revenue", input = new { definition = "hijacked", name = "Mine" } }, _mallory);
        var read = await _api.DataAsync("""{ glossaryTerm(name: "Revenue") { definition } }""", client: _stella);

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(refused));
        Assert.Equal("Income", (string)read["glossaryTerm"]!["definition"]!);
    }

    [Theory]
    [InlineData("Nope", """{ "definition": "x" }""", "NOT_FOUND")]
    [InlineData("Revenue", """{ "name": "ARR" }""", "CONFLICT")]
    [InlineData("Revenue", """{ "parent": "Revenue" }""", "BAD_USER_INPUT")]
    [InlineData("Finance", """{ "parent": "Revenue" }""", "BAD_USER_INPUT")]
    [InlineData("Revenue", """{ "parent": "Nope" }""", "NOT_FOUND")]
    [InlineData("Revenue", """{ "relatedTerms": ["Revenue"] }""", "BAD_USER_INPUT")]
    [InlineData("Revenue", """{ "relatedTerms": ["Nope"] }""", "NOT_FOUND")]
    [InlineData("Revenue", """{ "name": "   " , "definition": null, "synonyms": ["a\u0000b"] }""", "BAD_USER_INPUT")]
    public async Task Bad_edits_are_refused_with_a_code_and_change_nothing(string name, string input, string code)
    {
        var result = await _api.GraphQLAsync(Update, new { name, input = JsonNode.Parse(input) }, _stella);
        var read = await _api.DataAsync("""{ glossaryTerm(name: "Revenue") { definition parent { name } relatedTerms { name } } arr: glossaryTerm(name: "ARR") { name } }""", client: _stella);

        Assert.Equal(code, CatalogApiFactory.ErrorCode(result));
        Assert.Equal("Income", (string)read["glossaryTerm"]!["definition"]!);
        Assert.Equal("Finance", (string)read["glossaryTerm"]!["parent"]!["name"]!);
        Assert.NotNull(read["arr"]);
    }

    [Fact]
    public async Task An_oversized_definition_or_name_is_refused()
    {
        var definition = await _api.GraphQLAsync(Update, new { name = "Revenue", input = new { definition = new string('d', 70_000) } }, _stella);
        var rename = await _api.GraphQLAsync(Update, new { name = "Revenue", input = new { name = new string('n', 5_000) } }, _stella);

        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(definition));
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(rename));
    }

    private HttpClient Client(string user)
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        return client;
    }
}
