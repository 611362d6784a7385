using System.Text.Json;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Postgres;
using TownLake.Catalog.Stores.Sqlite;
using TownLake.Catalog.Users;
using TownLake.Engine.Execution;
using TownLake.TestSupport;
using static TownLake.Catalog.Tests.Stores.QueryRecords;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// The batched reads behind the GraphQL DataLoaders: for every parent, a batch read answers exactly what the
/// single-parent read answers (same rows, same order), parents with nothing are absent, and bad input is refused
/// the same way. Run on SQLite and PostgreSQL by the two classes at the end of this file.
/// </summary>
public abstract class CatalogStoreBatchReadsContract : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private RelationalCatalogStore? _store;

    protected RelationalCatalogStore Store => _store ?? throw new InvalidOperationException("store not opened");

    protected CatalogChangeFeed Feed { get; } = new();

    protected ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000));

    protected abstract Task<RelationalCatalogStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(None);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static string DatasetUrn(string name) => Urn.Dataset(DatasetName.Parse(name));

    /// <summary>Values compared by content (records holding lists compare lists by reference).</summary>
    private static string Json(object? value) => JsonSerializer.Serialize(value);

    private Task SaveDatasetAsync(string name, Func<Dataset, Dataset>? change = null)
    {
        var dataset = Dataset.Create(DatasetName.Parse(name), DateTimeOffset.UnixEpoch) with { Platform = "duckdb" };
        dataset = change?.Invoke(dataset) ?? dataset;
        return Store.SaveAsync<Dataset>(dataset.Urn, _ => dataset, "tester", None);
    }

    private async Task SaveAuditAsync()
    {
        var ok = QueryRunState.Succeeded;
        await Store.SaveQueryAsync(Query("q1", "alice", ok, At, "demo.dim.accounts", "demo.dim.zones"), None);
        await Store.SaveQueryAsync(Query("q2", "alice", ok, At.AddMinutes(1), "demo.dim.accounts", "demo.dim.zones"), None);
        await Store.SaveQueryAsync(Query("q3", "bob", ok, At.AddMinutes(2), "demo.dim.accounts", "demo.fct.arr"), None);
        await Store.SaveQueryAsync(Query("q4", "carol", QueryRunState.Failed, At.AddMinutes(3), "demo.dim.accounts"), None);
        await Store.SaveQueryAsync(Query("q5", "bob", ok, At.AddMinutes(4), "demo.dim.zones"), None);
        await Store.SaveQueryAsync(Query("q6", "dave", ok, At.AddMinutes(5), "demo.fct.arr", "demo.dim.zones", "demo.dim.accounts"), None);
        await Store.SaveQueryAsync(Query("q7", "erin", QueryRunState.Failed, At.AddMinutes(6), "demo.raw.failed_only"), None);
    }

    private static readonly string[] AuditedDatasets = ["demo.dim.accounts", "demo.dim.zones", "demo.fct.arr", "demo.raw.failed_only", "demo.raw.unused"];

    [SkippableTheory]
    [InlineData(10)]
    [InlineData(1)]
    public async Task Usage_of_many_datasets_equals_the_usage_of_each(int top)
    {
        await SaveAuditAsync();
        var urns = AuditedDatasets.Select(DatasetUrn).ToList();

        var batch = await Store.GetDatasetUsageManyAsync(urns, top, None);

        foreach (var urn in urns)
        {
            var single = await Store.GetDatasetUsageAsync(urn, top, None);
            Assert.Equal(Json(single), Json(batch.GetValueOrDefault(urn) ?? DatasetUsageStats.None));
        }

        Assert.Equal([DatasetUrn("demo.dim.accounts"), DatasetUrn("demo.dim.zones"), DatasetUrn("demo.fct.arr")], batch.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, batch[DatasetUrn("demo.dim.accounts")].QueryCount);
    }

    [SkippableTheory]
    [InlineData(null, 2)]
    [InlineData(null, 10)]
    [InlineData("bob", 10)]
    public async Task Recent_queries_of_many_datasets_equal_the_recent_queries_of_each(string? user, int first)
    {
        await SaveAuditAsync();
        var urns = AuditedDatasets.Select(DatasetUrn).ToList();

        var batch = await Store.ListDatasetQueriesManyAsync(urns, user, first, None);

        foreach (var urn in urns)
        {
            var single = await Store.ListDatasetQueriesAsync(urn, user, first, None);
            Assert.Equal(Json(single), Json(batch.GetValueOrDefault(urn) ?? []));
        }

        Assert.False(batch.ContainsKey(DatasetUrn("demo.raw.unused")));
    }

    [SkippableFact]
    public async Task Recent_queries_refuse_a_page_size_out_of_range()
    {
        var error = await Assert.ThrowsAsync<CatalogException>(() => Store.ListDatasetQueriesManyAsync([DatasetUrn("demo.a.b")], null, 1001, None));

        Assert.Equal("BAD_USER_INPUT", error.Code);
    }

    [SkippableTheory]
    [InlineData(2)]
    [InlineData(50)]
    [InlineData(0)]
    public async Task History_of_many_entities_equals_the_history_of_each(int first)
    {
        await SaveDatasetAsync("demo.dim.accounts");
        await Store.SaveAsync<Dataset>(DatasetUrn("demo.dim.accounts"), d => d! with { EditedDescription = "One row per account" }, "alice", None);
        await Store.SaveAsync<Dataset>(DatasetUrn("demo.dim.accounts"), d => d! with { Tags = ["curated"] }, "bob", None);
        await SaveDatasetAsync("demo.dim.zones", d => d with { Tags = ["geo"] });
        var urns = new[] { DatasetUrn("demo.dim.accounts"), DatasetUrn("demo.dim.zones"), DatasetUrn("demo.dim.never_saved") };

        var batch = await Store.GetHistoryManyAsync(urns, first, None);

        foreach (var urn in urns)
        {
            Assert.Equal(Json(await Store.GetHistoryAsync(urn, first, None)), Json(batch.GetValueOrDefault(urn) ?? []));
        }

        Assert.False(batch.ContainsKey(DatasetUrn("demo.dim.never_saved")));
    }

    [SkippableFact]
    public async Task Child_terms_of_many_groups_are_the_live_terms_naming_each_as_parent_by_name()
    {
        async Task Term(string name, string? parent, bool removed = false) =>
            await Store.SaveAsync<GlossaryTerm>(Urn.GlossaryTerm(name), _ => new GlossaryTerm { Urn = Urn.GlossaryTerm(name), Name = name, Parent = parent, Removed = removed }, "tester", None);
        await Term("Finance", null);
        await Term("Sales", null);
        await Term("Revenue", "Finance");
        await Term("ARR", "Finance");
        await Term("Churn", "Finance", removed: true);
        await Term("Pipeline", "Sales");
        await Term("Empty", null);

        var batch = await Store.ListLinkingManyAsync<GlossaryTerm>(EntityType.GlossaryTerm, EntityLinks.Parent, ["Finance", "Sales", "Empty"], None);

        var all = await Store.ListAsync<GlossaryTerm>(EntityType.GlossaryTerm, false, None);
        foreach (var group in new[] { "Finance", "Sales", "Empty" })
        {
            Assert.Equal(all.Where(t => t.Parent == group).Select(t => t.Name), (batch.GetValueOrDefault(group) ?? []).Select(t => t.Name));
        }

        Assert.Equal(["ARR", "Revenue"], batch["Finance"].Select(t => t.Name));
        Assert.False(batch.ContainsKey("Empty"));
    }

    [SkippableFact]
    public async Task Groups_of_many_users_are_the_live_groups_listing_each_as_member()
    {
        async Task Group(string name, bool removed, params string[] members) =>
            await Store.SaveAsync<Group>(Urn.Group(name), _ => Catalog.Users.Group.Create(name, default) with { Members = members, Removed = removed }, "tester", None);
        await Group("analysts", false, "alice", "bob");
        await Group("admins", false, "alice");
        await Group("alumni", true, "bob");

        var batch = await Store.ListLinkingManyAsync<Group>(EntityType.Group, EntityLinks.Member, ["alice", "bob", "carol"], None);

        Assert.Equal(["admins", "analysts"], batch["alice"].Select(g => g.Name));
        Assert.Equal(["analysts"], batch["bob"].Select(g => g.Name));
        Assert.False(batch.ContainsKey("carol"));
    }

    [SkippableTheory]
    [InlineData(2)]
    [InlineData(50)]
    public async Task Datasets_of_many_domains_and_terms_equal_a_browse_filtered_by_each(int first)
    {
        await SaveDatasetAsync("demo.dim.accounts", d => d with { Domain = "Customer", GlossaryTerms = ["Account"] });
        await SaveDatasetAsync("demo.dim.contacts", d => d with { Domain = "Customer", Columns = [new SchemaField { Name = "account_id", GlossaryTerms = ["Account"] }] });
        await SaveDatasetAsync("demo.dim.old_contacts", d => d with { Domain = "Customer", Removed = true, GlossaryTerms = ["Account"] });
        await SaveDatasetAsync("demo.crm.leads", d => d with { Domain = "Customer" });
        await SaveDatasetAsync("demo.fct.arr", d => d with { Domain = "Finance", GlossaryTerms = ["ARR", "Account"] });

        var domains = await Store.ListDatasetsByLinkManyAsync(EntityLinks.Domain, ["Customer", "Finance", "Empty"], first, None);
        var terms = await Store.ListDatasetsByLinkManyAsync(EntityLinks.Term, ["Account", "ARR"], first, None);

        foreach (var domain in new[] { "Customer", "Finance", "Empty" })
        {
            var browse = await Store.ListDatasetsAsync(new DatasetQuery { Domain = domain, First = first }, None);
            Assert.Equal(browse.Items.Select(d => d.Name), (domains.GetValueOrDefault(domain) ?? []).Select(d => d.Name));
        }

        foreach (var term in new[] { "Account", "ARR" })
        {
            var browse = await Store.ListDatasetsAsync(new DatasetQuery { GlossaryTerm = term, First = first }, None);
            Assert.Equal(Json(browse.Items), Json(terms.GetValueOrDefault(term) ?? []));
        }

        Assert.DoesNotContain(domains["Customer"], d => d.Name == "demo.dim.old_contacts");
    }

    [SkippableTheory]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task Linked_datasets_refuse_a_page_size_out_of_range(int first)
    {
        var error = await Assert.ThrowsAsync<CatalogException>(() => Store.ListDatasetsByLinkManyAsync(EntityLinks.Domain, ["Customer"], first, None));

        Assert.Equal("BAD_USER_INPUT", error.Code);
    }

    [SkippableFact]
    public async Task Batch_reads_of_more_keys_than_one_statement_takes_answer_every_key()
    {
        var names = Enumerable.Range(0, 620).Select(i => $"demo.many.t{i:D4}").ToList();
        await Store.SaveManyAsync(names.Select(n => new EntityChange<Dataset>(DatasetUrn(n), _ => Dataset.Create(DatasetName.Parse(n), default) with { Domain = "D" + n[^1] })).ToList(), "tester", None);
        await Store.SaveQueryAsync(Query("wide", "alice", QueryRunState.Succeeded, At, [.. names]), None);
        var urns = names.Select(DatasetUrn).ToList();

        var history = await Store.GetHistoryManyAsync(urns, 5, None);
        var usage = await Store.GetDatasetUsageManyAsync(urns, 3, None);
        var recent = await Store.ListDatasetQueriesManyAsync(urns, null, 5, None);
        var domains = await Store.ListDatasetsByLinkManyAsync(EntityLinks.Domain, Enumerable.Range(0, 10).Select(i => "D" + i).ToList(), 1000, None);

        Assert.Equal(620, history.Count);
        Assert.Equal(620, usage.Count);
        Assert.All(usage.Values, u => Assert.Equal(3, u.CommonlyJoinedWith.Count));
        Assert.Equal(620, recent.Count);
        Assert.Equal(620, domains.Values.Sum(d => d.Count));
    }

    [SkippableFact]
    public async Task Batch_reads_of_no_keys_are_empty()
    {
        Assert.Empty(await Store.GetDatasetUsageManyAsync([], 10, None));
        Assert.Empty(await Store.ListDatasetQueriesManyAsync([], null, 10, None));
        Assert.Empty(await Store.GetHistoryManyAsync([], 10, None));
        Assert.Empty(await Store.ListLinkingManyAsync<Group>(EntityType.Group, EntityLinks.Member, [], None));
        Assert.Empty(await Store.ListDatasetsByLinkManyAsync(EntityLinks.Domain, [], 10, None));
    }
}

/// <summary>The batched reads on the embedded SQLite store (a temp file).</summary>
public sealed class SqliteCatalogStoreBatchReadsTests : CatalogStoreBatchReadsContract
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "townlake-test-" + Guid.NewGuid().ToString("N"), "catalog.db");

    protected override Task<RelationalCatalogStore> CreateStoreAsync() => Task.FromResult<RelationalCatalogStore>(new SqliteCatalogStore(_path, Feed, Clock));

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The batched reads on PostgreSQL: a fresh database per test class on a real server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCatalogStoreBatchReadsTests(PostgresFixture fixture) : CatalogStoreBatchReadsContract
{
    protected override async Task<RelationalCatalogStore> CreateStoreAsync() =>
        new PostgresCatalogStore(await fixture.RequireServer().CreateDatabaseAsync("batches"), Feed, Clock);
}
