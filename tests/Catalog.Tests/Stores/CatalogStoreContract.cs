using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Tags;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// Every behaviour a catalog store must have. Each adapter's test class derives from this and says how to open a
/// fresh store, so SQLite and PostgreSQL are held to exactly the same contract.
/// </summary>
public abstract class CatalogStoreContract : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;
    private ICatalogStore? _store;

    protected ICatalogStore Store => _store ?? throw new InvalidOperationException("store not opened");

    protected CatalogChangeFeed Feed { get; } = new();

    /// <summary>Creates the store over a fresh, empty database.</summary>
    protected abstract Task<ICatalogStore> CreateStoreAsync();

    /// <summary>Opens a second store instance over the same database (as after a restart).</summary>
    protected abstract ICatalogStore Reopen();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(None);
    }

    public virtual Task DisposeAsync() => _store is IAsyncDisposable d ? d.DisposeAsync().AsTask() : Task.CompletedTask;

    private static Dataset NewDataset(string name, params string[] columns)
    {
        var dataset = Dataset.Create(DatasetName.Parse(name), DateTimeOffset.UnixEpoch);
        return dataset with { Platform = "duckdb", Columns = columns.Select((c, i) => new SchemaField { Name = c, NativeType = "VARCHAR", Ordinal = i + 1 }).ToList() };
    }

    private Task<SaveResult<Dataset>> SaveAsync(Dataset dataset, string actor = "tester") =>
        Store.SaveAsync<Dataset>(dataset.Urn, _ => dataset, actor, None);

    [SkippableFact]
    public async Task Saved_dataset_round_trips_with_unusual_column_names()
    {
        var dataset = NewDataset("demo.tv.ratings", "Official_ratings_(millions)", "County Name", "prix €", "ключ", "a.b\"c");
        await SaveAsync(dataset with { Tags = ["curated"], SourceDescription = "Ratings" });

        var loaded = await Store.GetAsync<Dataset>(dataset.Urn, None);

        Assert.NotNull(loaded);
        Assert.Equal(["Official_ratings_(millions)", "County Name", "prix €", "ключ", "a.b\"c"], loaded!.Columns.Select(c => c.Name));
        Assert.Equal("Ratings", loaded.Description);
        Assert.Equal(["curated"], loaded.Tags);
    }

    [SkippableFact]
    public async Task Saving_the_same_dataset_twice_records_one_history_entry_per_aspect()
    {
        var dataset = NewDataset("demo.dim.accounts", "account_id");
        var first = await SaveAsync(dataset);
        var second = await SaveAsync(dataset);

        Assert.True(first.Created);
        Assert.False(second.Changed);
        var history = await Store.GetHistoryAsync(dataset.Urn, 100, None);
        Assert.Equal(first.ChangedAspects.Count, history.Count);
    }

    [SkippableFact]
    public async Task A_change_is_recorded_with_actor_and_before_and_after()
    {
        var dataset = NewDataset("demo.dim.accounts", "account_id");
        await SaveAsync(dataset);
        await Store.SaveAsync<Dataset>(dataset.Urn, d => d! with { EditedDescription = "One row per account" }, "alice", None);

        var history = await Store.GetHistoryAsync(dataset.Urn, 10, None);

        var change = history[0];
        Assert.Equal("documentation", change.Aspect);
        Assert.Equal("alice", change.Actor);
        Assert.Contains("One row per account", change.After);
        Assert.DoesNotContain("One row per account", change.Before);
    }

    [SkippableFact]
    public async Task A_failed_batch_leaves_nothing_written()
    {
        var good = NewDataset("demo.a.good", "x");
        var changes = new List<EntityChange<Dataset>>
        {
            new(good.Urn, _ => good),
            new(Urn.Dataset(DatasetName.Parse("demo.a.bad")), _ => throw new InvalidOperationException("boom")),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.SaveManyAsync(changes, "tester", None));

        Assert.Null(await Store.GetAsync<Dataset>(good.Urn, None));
        Assert.Empty(await Store.GetHistoryAsync(good.Urn, 10, None));
    }

    [SkippableFact]
    public async Task Browse_filters_by_catalog_schema_platform_tag_owner_and_domain()
    {
        await SaveAsync(NewDataset("demo.dim.accounts", "id") with { Tags = ["curated"], Domain = "Customer", Owners = [new Ownership("alice", OwnerKind.User, OwnershipType.DataSteward)] });
        await SaveAsync(NewDataset("demo.fct.billings", "id") with { Domain = "Finance", Columns = [new SchemaField { Name = "email", Tags = ["pii"] }] });
        await SaveAsync(NewDataset("shop.public.orders", "id") with { Platform = "postgres" });

        async Task<string[]> Names(DatasetQuery q) => (await Store.ListDatasetsAsync(q, None)).Items.Select(d => d.Name).ToArray();

        Assert.Equal(["demo.dim.accounts", "demo.fct.billings"], await Names(new DatasetQuery { Catalog = "demo" }));
        Assert.Equal(["demo.fct.billings"], await Names(new DatasetQuery { Schema = "fct" }));
        Assert.Equal(["shop.public.orders"], await Names(new DatasetQuery { Platform = "postgres" }));
        Assert.Equal(["demo.dim.accounts"], await Names(new DatasetQuery { Tag = "curated" }));
        Assert.Equal(["demo.fct.billings"], await Names(new DatasetQuery { Tag = "pii" }));
        Assert.Equal(["demo.dim.accounts"], await Names(new DatasetQuery { Owner = "alice" }));
        Assert.Equal(["demo.fct.billings"], await Names(new DatasetQuery { Domain = "Finance" }));
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
            page = await Store.ListDatasetsAsync(new DatasetQuery { First = 5, AfterName = after }, None);
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
        await Store.SaveAsync<Dataset>(dataset.Urn, d => d! with { Removed = true }, "tester", None);

        Assert.Empty((await Store.ListDatasetsAsync(new DatasetQuery(), None)).Items);
        Assert.Single((await Store.ListDatasetsAsync(new DatasetQuery { IncludeRemoved = true }, None)).Items);
    }

    [SkippableFact]
    public async Task Concurrent_edits_of_one_dataset_all_land()
    {
        var dataset = NewDataset("demo.dim.busy", "x");
        await SaveAsync(dataset);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            Store.SaveAsync<Dataset>(dataset.Urn, d => d! with { Tags = [.. d.Tags, "t" + i] }, "u" + i, None))));

        var loaded = await Store.GetAsync<Dataset>(dataset.Urn, None);
        Assert.Equal(12, loaded!.Tags.Count);
    }

    [SkippableFact]
    public async Task Data_survives_reopening_the_store()
    {
        var dataset = NewDataset("demo.dim.kept", "x");
        await SaveAsync(dataset with { EditedDescription = "kept across restarts" });

        var reopened = Reopen();
        await reopened.InitializeAsync(None);
        var loaded = await reopened.GetAsync<Dataset>(dataset.Urn, None);
        if (reopened is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        Assert.Equal("kept across restarts", loaded!.Description);
    }

    [SkippableFact]
    public async Task Entities_of_other_types_are_listed_by_type()
    {
        await Store.SaveAsync<Tag>(Urn.Tag("pii"), _ => Tag.Create("pii", DateTimeOffset.UnixEpoch), "tester", None);
        await Store.SaveAsync<Tag>(Urn.Tag("curated"), _ => Tag.Create("curated", DateTimeOffset.UnixEpoch), "tester", None);
        await SaveAsync(NewDataset("demo.a.b", "x"));

        var tags = await Store.ListAsync<Tag>(EntityType.Tag, false, None);
        var many = await Store.GetManyAsync<Tag>([Urn.Tag("pii"), Urn.Tag("missing")], None);

        Assert.Equal(["curated", "pii"], tags.Select(t => t.Name));
        Assert.Equal([Urn.Tag("pii")], many.Keys);
    }

    [SkippableFact]
    public async Task Committed_writes_are_published_to_followers()
    {
        var published = new List<string>();
        Feed.Follow(changed => published.AddRange(changed.Select(c => c.Urn)));
        var dataset = NewDataset("demo.a.followed", "x");

        await SaveAsync(dataset);
        await SaveAsync(dataset);

        Assert.Equal([dataset.Urn], published);
    }

    private static LineageEdge Edge(string up, string down, string upColumn = "", string downColumn = "", string origin = "sql") => new()
    {
        UpstreamUrn = Urn.Dataset(DatasetName.Parse(up)),
        DownstreamUrn = Urn.Dataset(DatasetName.Parse(down)),
        UpstreamColumn = upColumn,
        DownstreamColumn = downColumn,
        Origin = origin,
    };

    [SkippableFact]
    public async Task Replacing_lineage_twice_keeps_one_copy_of_each_edge()
    {
        var downstream = Urn.Dataset(DatasetName.Parse("demo.fct.b"));
        var edges = new[] { Edge("demo.raw.a", "demo.fct.b", "amount", "alloc_amount") with { Transformation = "DIRECT/TRANSFORMATION", Expression = "amount / 12" } };

        await Store.ReplaceLineageAsync(downstream, "sql", null, edges, None);
        await Store.ReplaceLineageAsync(downstream, "sql", null, edges, None);

        var upstream = await Store.GetLineageEdgesAsync(downstream, LineageDirection.Upstream, None);
        Assert.Equal(2, upstream.Count);
        Assert.Single(upstream, e => !e.IsColumnEdge);
        var column = Assert.Single(upstream, e => e.IsColumnEdge);
        Assert.Equal("amount / 12", column.Expression);
    }

    [SkippableFact]
    public async Task Replacing_lineage_drops_edges_the_new_version_no_longer_has()
    {
        var downstream = Urn.Dataset(DatasetName.Parse("demo.fct.b"));
        await Store.ReplaceLineageAsync(downstream, "sql", null, [Edge("demo.raw.a", "demo.fct.b"), Edge("demo.raw.old", "demo.fct.b")], None);
        await Store.ReplaceLineageAsync(downstream, "sql", null, [Edge("demo.raw.a", "demo.fct.b")], None);
        await Store.ReplaceLineageAsync(downstream, "manual", null, [Edge("demo.raw.m", "demo.fct.b", origin: "manual")], None);

        var upstream = await Store.GetLineageEdgesAsync(downstream, LineageDirection.Upstream, None);

        Assert.Equal(["demo.raw.a", "demo.raw.m"], upstream.Select(e => Urn.DatasetNameOf(e.UpstreamUrn).ToString()).Order());
    }

    [SkippableFact]
    public async Task Walking_lineage_is_cycle_safe_depth_limited_and_capped()
    {
        // a -> b -> c -> d -> a (a cycle), and b -> e
        await Store.UpsertLineageAsync([Edge("x.s.a", "x.s.b"), Edge("x.s.b", "x.s.c"), Edge("x.s.c", "x.s.d"), Edge("x.s.d", "x.s.a"), Edge("x.s.b", "x.s.e")], None);
        var a = Urn.Dataset(DatasetName.Parse("x.s.a"));

        var all = await Store.WalkLineageAsync(a, LineageDirection.Downstream, 50, 100, None);
        var two = await Store.WalkLineageAsync(a, LineageDirection.Downstream, 2, 100, None);
        var capped = await Store.WalkLineageAsync(a, LineageDirection.Downstream, 50, 3, None);
        var up = await Store.WalkLineageAsync(Urn.Dataset(DatasetName.Parse("x.s.e")), LineageDirection.Upstream, 1, 100, None);

        Assert.Equal(5, all.Depths.Count);
        Assert.False(all.Truncated);
        Assert.Equal(2, all.Depths[Urn.Dataset(DatasetName.Parse("x.s.c"))]);
        Assert.Equal(4, two.Depths.Count);
        Assert.Equal(3, capped.Depths.Count);
        Assert.True(capped.Truncated);
        Assert.Equal(2, up.Depths.Count);
    }

    [SkippableFact]
    public async Task Edges_among_a_set_include_column_edges_on_request()
    {
        await Store.UpsertLineageAsync([Edge("x.s.a", "x.s.b", "id", "id"), Edge("x.s.b", "x.s.c"), Edge("x.s.c", "x.s.z")], None);
        var urns = new[] { "x.s.a", "x.s.b", "x.s.c" }.Select(n => Urn.Dataset(DatasetName.Parse(n))).ToList();

        var datasetLevel = await Store.GetEdgesAmongAsync(urns, false, None);
        var withColumns = await Store.GetEdgesAmongAsync(urns, true, None);

        Assert.Equal(2, datasetLevel.Count);
        Assert.Equal(3, withColumns.Count);
    }

    [SkippableFact]
    public async Task Initializing_twice_is_harmless()
    {
        await Store.InitializeAsync(None);
        await SaveAsync(NewDataset("demo.a.b", "x"));
        await Store.InitializeAsync(None);

        Assert.NotNull(await Store.GetAsync<Dataset>(Urn.Dataset(DatasetName.Parse("demo.a.b")), None));
    }
}
