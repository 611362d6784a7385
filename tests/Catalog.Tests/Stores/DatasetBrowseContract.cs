using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.QueryFront;
using TownLake.TestSupport;
using static TownLake.Catalog.Tests.Stores.QueryRecords;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="IDatasetBrowseStore"/> must do: filter, order and page datasets in the database.</summary>
public abstract class DatasetBrowseContract(IStoreDatabase database) : StoreContract(database)
{
    private async Task<string[]> NamesAsync(DatasetQuery query) => (await Browse.ListDatasetsAsync(query, None)).Items.Select(d => d.Name).ToArray();

    [SkippableFact]
    public async Task Browse_filters_by_catalog_schema_platform_tag_owner_and_domain()
    {
        await SaveAsync(NewDataset("demo.dim.accounts", "id") with { Tags = ["curated"], Domain = "Customer", Owners = [new Ownership("alice", OwnerKind.User, OwnershipType.DataSteward)] });
        await SaveAsync(NewDataset("demo.fct.billings", "id") with { Domain = "Finance", Columns = [new SchemaField { Name = "email", Tags = ["pii"] }] });
        await SaveAsync(NewDataset("shop.public.orders", "id") with { Platform = "postgres" });

        Assert.Equal(["demo.dim.accounts", "demo.fct.billings"], await NamesAsync(new DatasetQuery { Catalog = "demo" }));
        Assert.Equal(["demo.fct.billings"], await NamesAsync(new DatasetQuery { Schema = "fct" }));
        Assert.Equal(["shop.public.orders"], await NamesAsync(new DatasetQuery { Platform = "postgres" }));
        Assert.Equal(["demo.dim.accounts"], await NamesAsync(new DatasetQuery { Tag = "curated" }));
        Assert.Equal(["demo.fct.billings"], await NamesAsync(new DatasetQuery { Tag = "pii" }));
        Assert.Equal(["demo.dim.accounts"], await NamesAsync(new DatasetQuery { Owner = "alice" }));
        Assert.Equal(["demo.fct.billings"], await NamesAsync(new DatasetQuery { Domain = "Finance" }));
    }

    [SkippableFact]
    public async Task Browse_filters_by_glossary_term_on_the_dataset_or_its_columns()
    {
        await SaveAsync(NewDataset("demo.dim.accounts", "id") with { GlossaryTerms = ["Customer"] });
        await SaveAsync(NewDataset("demo.fct.billings", "id") with { Columns = [new SchemaField { Name = "amount", GlossaryTerms = ["Revenue"] }] });
        await SaveAsync(NewDataset("demo.fct.other", "id"));

        Assert.Equal(["demo.dim.accounts"], await NamesAsync(new DatasetQuery { GlossaryTerm = "Customer" }));
        Assert.Equal(["demo.fct.billings"], await NamesAsync(new DatasetQuery { GlossaryTerm = "Revenue" }));
        Assert.Empty(await NamesAsync(new DatasetQuery { GlossaryTerm = "Unknown" }));
    }

    [SkippableFact]
    public async Task Paging_with_cursors_visits_every_dataset_once()
    {
        for (var i = 0; i < 23; i++)
        {
            await SaveAsync(NewDataset($"demo.s.t{i:D2}", "x"));
        }

        var seen = new List<string>();
        string? after = null;
        DatasetPage page;
        do
        {
            page = await Browse.ListDatasetsAsync(new DatasetQuery { First = 5, AfterName = after }, None);
            Assert.Equal(23, page.TotalCount);
            seen.AddRange(page.Items.Select(d => d.Name));
            after = page.Items.LastOrDefault()?.Name;
        }
        while (page.HasNextPage);

        Assert.Equal(23, seen.Count);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
    }

    [SkippableFact]
    public async Task Removed_datasets_leave_browse_unless_asked_for()
    {
        var dataset = NewDataset("demo.old.thing", "x");
        await SaveAsync(dataset);
        await Entities.SaveAsync<Dataset>(dataset.Urn, d => d! with { Removed = true }, "tester", None);

        Assert.Empty((await Browse.ListDatasetsAsync(new DatasetQuery(), None)).Items);
        Assert.Single((await Browse.ListDatasetsAsync(new DatasetQuery { IncludeRemoved = true }, None)).Items);
    }

    /// <summary>Pages through a browse 2 at a time, continuing from each page's last (sort key, name).</summary>
    private async Task<(List<string> Names, List<long> Keys, int Total)> BrowseAllAsync(DatasetQuery query)
    {
        var names = new List<string>();
        var keys = new List<long>();
        var total = -1;
        string? afterName = null;
        long? afterKey = null;
        DatasetPage page;
        do
        {
            page = await Browse.ListDatasetsAsync(query with { First = 2, AfterName = afterName, AfterSortKey = afterKey }, None);
            Assert.Equal(query.Order, page.Order);
            Assert.Equal(page.Items.Count, page.SortKeys.Count);
            total = total < 0 ? page.TotalCount : total;
            names.AddRange(page.Items.Select(d => d.Name));
            keys.AddRange(page.SortKeys);
            afterName = page.Items.LastOrDefault()?.Name;
            afterKey = page.SortKeys.LastOrDefault();
        }
        while (page.HasNextPage);

        return (names, keys, total);
    }

    [SkippableFact]
    public async Task Browse_by_recently_updated_puts_the_latest_change_first_and_pages_through_ties_by_name()
    {
        var start = Clock.GetUtcNow();
        for (var i = 0; i < 7; i++)
        {
            await SaveAsync(NewDataset($"demo.s.t{i:D2}", "x"));
        }

        Clock.Advance(TimeSpan.FromMinutes(1));
        await SaveAsync(NewDataset("demo.s.t08", "x"));
        await SaveAsync(NewDataset("demo.s.t07", "x"));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Entities.SaveAsync<Dataset>(DatasetUrn("demo.s.t03"), d => d! with { EditedDescription = "edited last" }, "alice", None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        // Saving an unchanged dataset writes nothing, so it must not count as an update.
        await SaveAsync(NewDataset("demo.s.t05", "x"));

        var (names, keys, total) = await BrowseAllAsync(new DatasetQuery { Order = DatasetOrder.RecentlyUpdated });

        Assert.Equal(["demo.s.t03", "demo.s.t07", "demo.s.t08", "demo.s.t00", "demo.s.t01", "demo.s.t02", "demo.s.t04", "demo.s.t05", "demo.s.t06"], names);
        Assert.Equal(9, total);
        Assert.Equal(start.AddMinutes(2).ToUnixTimeMilliseconds(), keys[0]);
        Assert.Equal(start.ToUnixTimeMilliseconds(), keys[^1]);
    }

    [SkippableFact]
    public async Task Browse_by_most_queried_counts_successful_queries_and_pages_through_ties_by_name()
    {
        foreach (var name in new[] { "demo.a.alpha", "demo.a.bravo", "demo.a.charlie", "demo.a.delta", "demo.a.echo", "demo.a.foxtrot" })
        {
            await SaveAsync(NewDataset(name, "x") with { Tags = name.EndsWith('o') ? ["curated"] : [] });
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var succeeded = QueryRunState.Succeeded;
        var failed = QueryRunState.Failed;
        await Audit.SaveQueryAsync(Query("q1", "alice", succeeded, at, "demo.a.bravo", "demo.a.delta"), None);
        await Audit.SaveQueryAsync(Query("q2", "bob", succeeded, at, "demo.a.bravo"), None);
        await Audit.SaveQueryAsync(Query("q3", "bob", succeeded, at, "demo.a.bravo", "demo.a.echo"), None);
        await Audit.SaveQueryAsync(Query("q4", "carol", failed, at, "demo.a.delta", "demo.a.alpha"), None);
        await Audit.SaveQueryAsync(Query("q5", "carol", failed, at, "demo.a.delta", "demo.a.alpha"), None);
        await Audit.SaveQueryAsync(Query("q6", "carol", succeeded, at, "demo.x.not_in_the_catalog"), None);

        var all = await BrowseAllAsync(new DatasetQuery { Order = DatasetOrder.MostQueried });
        var curated = await BrowseAllAsync(new DatasetQuery { Order = DatasetOrder.MostQueried, Tag = "curated" });

        Assert.Equal(["demo.a.bravo", "demo.a.delta", "demo.a.echo", "demo.a.alpha", "demo.a.charlie", "demo.a.foxtrot"], all.Names);
        Assert.Equal([3L, 1, 1, 0, 0, 0], all.Keys);
        Assert.Equal(6, all.Total);
        Assert.Equal(["demo.a.bravo", "demo.a.echo"], curated.Names);
        Assert.Equal(2, curated.Total);
        var usage = await Audit.GetDatasetUsageAsync(DatasetUrn("demo.a.bravo"), 10, None);
        Assert.Equal(usage.QueryCount, all.Keys[0]);
    }

    [SkippableFact]
    public async Task Browse_can_leave_out_deprecated_datasets()
    {
        await SaveAsync(NewDataset("demo.a.current", "x"));
        var old = NewDataset("demo.a.old", "x");
        await SaveAsync(old with { Deprecation = new Deprecation(true, "use demo.a.current", "alice", DateTimeOffset.UnixEpoch) });

        Assert.Equal(["demo.a.current", "demo.a.old"], await NamesAsync(new DatasetQuery()));
        Assert.Equal(["demo.a.current"], await NamesAsync(new DatasetQuery { ExcludeDeprecated = true }));
        Assert.Equal(["demo.a.current"], await NamesAsync(new DatasetQuery { ExcludeDeprecated = true, Order = DatasetOrder.MostQueried }));

        await Entities.SaveAsync<Dataset>(old.Urn, d => d! with { Deprecation = d.Deprecation! with { Deprecated = false } }, "alice", None);

        Assert.Equal(["demo.a.current", "demo.a.old"], await NamesAsync(new DatasetQuery { ExcludeDeprecated = true }));
    }

    [SkippableFact]
    public async Task Continuing_an_ordered_browse_needs_the_sort_key_of_the_last_dataset()
    {
        await SaveAsync(NewDataset("demo.a.b", "x"));

        var error = await Assert.ThrowsAsync<CatalogException>(() => Browse.ListDatasetsAsync(new DatasetQuery { Order = DatasetOrder.RecentlyUpdated, AfterName = "demo.a.b" }, None));

        Assert.Equal("BAD_USER_INPUT", error.Code);
    }

    [SkippableTheory]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task A_page_size_outside_0_to_1000_is_refused_as_bad_input(int first)
    {
        var error = await Assert.ThrowsAsync<CatalogException>(() => Browse.ListDatasetsAsync(new DatasetQuery { First = first }, None));

        Assert.Equal("BAD_USER_INPUT", error.Code);
    }
}

/// <summary>The browse contract on SQLite.</summary>
public sealed class SqliteDatasetBrowseTests() : DatasetBrowseContract(new SqliteStoreDatabase());

/// <summary>The browse contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDatasetBrowseTests(PostgresFixture fixture) : DatasetBrowseContract(new PostgresStoreDatabase(fixture));
