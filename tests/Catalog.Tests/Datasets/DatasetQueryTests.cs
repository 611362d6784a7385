using TownLake.Catalog.Tests.GraphQL;

namespace TownLake.Catalog.Tests.Datasets;

/// <summary>Reading datasets, glossary, tags and the caller over the real HTTP endpoint, on the demo warehouse.</summary>
public sealed class DatasetQueryTests(DemoCatalogFixture fixture) : IClassFixture<DemoCatalogFixture>
{
    private CatalogApiFactory Api => fixture.Api;

    [Fact]
    public async Task Demo_accounts_come_back_with_columns_owners_tags_terms_and_domain()
    {
        var data = await Api.DataAsync("""
            { dataset(name: "demo.dim.accounts") { urn name type catalog schema table platform description
                columns { name type isPrimaryKey } owners { name kind ownershipType } tags { name } glossaryTerms { name } domain { name } } }
            """);

        var dataset = data["dataset"]!;
        Assert.Equal("urn:tl:dataset:demo.dim.accounts", dataset["urn"]!.GetValue<string>());
        Assert.Equal("DATASET", dataset["type"]!.GetValue<string>());
        Assert.Equal("duckdb", dataset["platform"]!.GetValue<string>());
        Assert.Contains(dataset["columns"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "account_id" && c["isPrimaryKey"]!.GetValue<bool>() && c["type"]!.GetValue<string>() == "BIGINT");
        Assert.Contains(dataset["owners"]!.AsArray(), o => o!["name"]!.GetValue<string>() == "alice" && o["ownershipType"]!.GetValue<string>() == "DATA_STEWARD");
        Assert.Equal("curated", dataset["tags"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Account", dataset["glossaryTerms"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Customer", dataset["domain"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dataset_by_urn_equals_dataset_by_name()
    {
        var data = await Api.DataAsync("""{ a: dataset(name: "demo.fct.billings_allocated") { urn } b: dataset(urn: "urn:tl:dataset:demo.fct.billings_allocated") { name } }""");

        Assert.Equal("urn:tl:dataset:demo.fct.billings_allocated", data["a"]!["urn"]!.GetValue<string>());
        Assert.Equal("demo.fct.billings_allocated", data["b"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_dataset_is_null_not_an_error()
    {
        var data = await Api.DataAsync("""{ dataset(name: "demo.dim.nope") { name } }""");

        Assert.Null(data["dataset"]);
    }

    [Fact]
    public async Task Browse_filters_by_tag_and_pages_with_cursors()
    {
        var first = await Api.DataAsync("""{ datasets(filter: { tag: "curated" }, first: 3) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } }""");
        var connection = first["datasets"]!;
        var total = connection["totalCount"]!.GetValue<int>();
        var names = connection["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).ToList();
        var cursor = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        while (true)
        {
            var next = (await Api.DataAsync("query($after: String) { datasets(filter: { tag: \"curated\" }, first: 3, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } }", new { after = cursor }))["datasets"]!;
            names.AddRange(next["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()));
            if (!next["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            cursor = next["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(7, total);
        Assert.Equal(total, names.Distinct().Count());
        Assert.Contains("demo.fct.billings_allocated", names);
        Assert.DoesNotContain("demo.scratch.billings_allocated_copy", names);
    }

    [Fact]
    public async Task Glossary_terms_have_hierarchy_synonyms_and_tagged_datasets()
    {
        var data = await Api.DataAsync("""
            { glossaryTerm(name: "ARR") { name definition synonyms parent { name isGroup } relatedTerms { name } datasets { name } }
              roots: glossaryTerms(rootsOnly: true) { name isGroup children { name } } }
            """);

        var arr = data["glossaryTerm"]!;
        Assert.Contains("annual recurring revenue", arr["synonyms"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Finance", arr["parent"]!["name"]!.GetValue<string>());
        Assert.Contains(arr["datasets"]!.AsArray(), d => d!["name"]!.GetValue<string>() == "demo.fct.arr_by_account");
        Assert.Contains(data["roots"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "Finance" && r["children"]!.AsArray().Count >= 3);
    }

    [Fact]
    public async Task Pii_columns_carry_their_tags_and_terms()
    {
        var data = await Api.DataAsync("""{ dataset(name: "demo.dim.customers") { column(name: "email") { name tags { name } glossaryTerms { name } dataset { name } } } }""");

        var email = data["dataset"]!["column"]!;
        Assert.Equal("pii", email["tags"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Personal data", email["glossaryTerms"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tags_domains_users_groups_and_me_are_listed()
    {
        var data = await Api.DataAsync("""
            { tags { name } domains { name datasets { name } } user(name: "alice") { name } group(name: "data-platform") { name }
              me { user { name } isAdmin canEdit } }
            """);

        Assert.Contains(data["tags"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "pii");
        Assert.Contains(data["domains"]!.AsArray(), d => d!["name"]!.GetValue<string>() == "Finance" && d["datasets"]!.AsArray().Count > 0);
        Assert.Equal("alice", data["user"]!["name"]!.GetValue<string>());
        Assert.Equal("data-platform", data["group"]!["name"]!.GetValue<string>());
        Assert.Equal("admin", data["me"]!["user"]!["name"]!.GetValue<string>());
        Assert.True(data["me"]!["canEdit"]!.GetValue<bool>());
    }
}
