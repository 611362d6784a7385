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

    /// <summary>The store's clock: it stands still unless a test advances it, so writes in one test tie unless spaced.</summary>
    protected ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000));

    /// <summary>Creates the store over a fresh, empty database.</summary>
    protected abstract Task<ICatalogStore> CreateStoreAsync();

    /// <summary>Opens a second store instance over the same database (as after a restart).</summary>
    protected abstract ICatalogStore Reopen();

    /// <summary>Runs raw SQL on the store's database (to put it back into the state an older version left).</summary>
    protected abstract Task ExecuteSqlAsync(string sql);

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

    [SkippableFact]
    public async Task Every_lineage_write_moves_the_lineage_version_and_edges_stream_back()
    {
        var before = await Store.GetLineageVersionAsync(None);
        await Store.UpsertLineageAsync([Edge("demo.a.x", "demo.a.y", "id", "id")], None);
        var afterUpsert = await Store.GetLineageVersionAsync(None);
        await Store.ReplaceLineageAsync(Urn.Dataset(DatasetName.Parse("demo.a.y")), "sql", null, [], None);
        var afterReplace = await Store.GetLineageVersionAsync(None);
        await Store.UpsertLineageAsync([Edge("demo.a.x", "demo.a.z")], None);
        var streamed = new List<LineageEdge>();
        await foreach (var edge in Store.StreamLineageEdgesAsync(None))
        {
            streamed.Add(edge);
        }

        Assert.True(afterUpsert > before);
        Assert.True(afterReplace > afterUpsert);
        Assert.Equal([("urn:tl:dataset:demo.a.x", "urn:tl:dataset:demo.a.z")], streamed.Select(e => (e.UpstreamUrn, e.DownstreamUrn)));
    }

    [SkippableFact]
    public async Task A_lineage_event_is_stored_once_per_key_and_content()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var first = new Catalog.Lineage.OpenLineage.StoredLineageEvent("r1|COMPLETE|urn:tl:job:n:j", "r1", "COMPLETE", "urn:tl:job:n:j", at, "h1", "{\"a\":1}");

        Assert.True(await Store.RecordLineageEventAsync(first, None));
        Assert.False(await Store.RecordLineageEventAsync(first, None));
        Assert.True(await Store.RecordLineageEventAsync(first with { Hash = "h2", Payload = "{\"a\":2}" }, None));
        Assert.True(await Store.RecordLineageEventAsync(first with { Key = "r2|START|urn:tl:job:n:j", RunId = "r2", EventType = "START", EventTime = at.AddMinutes(1) }, None));

        var all = await Store.ListLineageEventsAsync(null, 10, None);
        var ofJob = await Store.ListLineageEventsAsync("urn:tl:job:n:other", 10, None);
        Assert.Equal(["r2", "r1"], all.Select(e => e.RunId));
        Assert.Equal("{\"a\":2}", all[1].Payload);
        Assert.Equal(at, all[1].EventTime);
        Assert.Empty(ofJob);
    }

    [SkippableFact]
    public async Task Dataset_aliases_keep_their_dataset_and_its_first_primary()
    {
        var orders = Urn.Dataset(DatasetName.Parse("shop.public.orders"));
        var other = Urn.Dataset(DatasetName.Parse("shop.public.other"));
        await Store.SaveDatasetAliasesAsync([new DatasetAlias("postgres://db:5432", "shop.public.orders", orders, true), new DatasetAlias("file:/wh", "public.orders", orders, false)], None);
        await Store.SaveDatasetAliasesAsync([new DatasetAlias("s3://lake", "orders", orders, true), new DatasetAlias("postgres://db:5432", "shop.public.orders", other, true)], None);

        var found = await Store.FindDatasetAliasAsync("postgres://db:5432", "shop.public.orders", None);
        var aliases = await Store.GetDatasetAliasesAsync([orders, other], None);

        Assert.Equal(new DatasetAlias("postgres://db:5432", "shop.public.orders", orders, true), found);
        Assert.Null(await Store.FindDatasetAliasAsync("postgres://db:5432", "nope", None));
        Assert.Equal(3, aliases[orders].Count);
        Assert.Equal(("postgres://db:5432", "shop.public.orders"), (aliases[orders][0].Namespace, aliases[orders][0].Name));
        Assert.Single(aliases[orders], a => a.IsPrimary);
        Assert.False(aliases.ContainsKey(other));
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

    private static Catalog.Queries.QueryRecord Query(string id, string user, Engine.Query.QueryState state, DateTimeOffset at, params string[] datasets) => new()
    {
        Id = id,
        User = user,
        Sql = "SELECT 1 -- " + id,
        Engine = "duckdb",
        State = state,
        SubmittedAt = at,
        StartedAt = at,
        FinishedAt = at.AddMilliseconds(120),
        RowCount = 3,
        Datasets = datasets,
    };

    [SkippableFact]
    public async Task An_audited_query_is_updated_in_place_and_reads_back_whole()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        await Store.SaveQueryAsync(Query("q1", "alice", Engine.Query.QueryState.Running, at, "demo.dim.accounts") with { FinishedAt = null, RowCount = null }, None);
        await Store.SaveQueryAsync(Query("q1", "alice", Engine.Query.QueryState.Failed, at, "demo.dim.accounts", "demo.dim.zones") with
        {
            Error = new Catalog.Queries.QueryRecordError(Engine.Query.QueryErrorKind.InvalidSql, "syntax error at \"=\"", 4, 13),
        }, None);

        var loaded = await Store.GetQueryAsync("q1", None);

        Assert.NotNull(loaded);
        Assert.Equal(Engine.Query.QueryState.Failed, loaded!.State);
        Assert.Equal("alice", loaded.User);
        Assert.Equal(at, loaded.SubmittedAt);
        Assert.Equal(at.AddMilliseconds(120), loaded.FinishedAt);
        Assert.Equal(new Catalog.Queries.QueryRecordError(Engine.Query.QueryErrorKind.InvalidSql, "syntax error at \"=\"", 4, 13), loaded.Error);
        Assert.Equal(["demo.dim.accounts", "demo.dim.zones"], loaded.Datasets);
        Assert.Null(await Store.GetQueryAsync("q-missing", None));
    }

    [SkippableFact]
    public async Task Dataset_usage_counts_successful_queries_users_and_datasets_read_together()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var succeeded = Engine.Query.QueryState.Succeeded;
        await Store.SaveQueryAsync(Query("q1", "alice", succeeded, at, "demo.dim.accounts", "demo.dim.zones"), None);
        await Store.SaveQueryAsync(Query("q2", "alice", succeeded, at.AddMinutes(1), "demo.dim.accounts", "demo.dim.zones"), None);
        await Store.SaveQueryAsync(Query("q3", "bob", succeeded, at.AddMinutes(2), "demo.dim.accounts", "demo.fct.arr_by_account"), None);
        await Store.SaveQueryAsync(Query("q4", "carol", Engine.Query.QueryState.Failed, at.AddMinutes(3), "demo.dim.accounts"), None);
        var accounts = Urn.Dataset(DatasetName.Parse("demo.dim.accounts"));

        var usage = await Store.GetDatasetUsageAsync(accounts, 10, None);
        var recent = await Store.ListDatasetQueriesAsync(accounts, null, 2, None);
        var bobs = await Store.ListDatasetQueriesAsync(accounts, "bob", 10, None);
        var counts = await Store.GetQueryCountsAsync(null, None);
        var recentCounts = await Store.GetQueryCountsAsync(at.AddSeconds(90), None);
        var unused = await Store.GetDatasetUsageAsync(Urn.Dataset(DatasetName.Parse("demo.raw.unused")), 10, None);

        Assert.Equal(3, usage.QueryCount);
        Assert.Equal(2, usage.DistinctUsers);
        Assert.Equal(at.AddMinutes(2), usage.LastQueriedAt);
        Assert.Equal([new Catalog.Queries.UserQueryCount("alice", 2), new Catalog.Queries.UserQueryCount("bob", 1)], usage.TopUsers);
        Assert.Equal([new Catalog.Queries.JoinedDatasetCount("demo.dim.zones", 2), new Catalog.Queries.JoinedDatasetCount("demo.fct.arr_by_account", 1)], usage.CommonlyJoinedWith);
        Assert.Equal(["q4", "q3"], recent.Select(q => q.Id));
        Assert.Equal(["q3"], bobs.Select(q => q.Id));
        Assert.Equal(3, counts[accounts]);
        Assert.Equal(2, counts[Urn.Dataset(DatasetName.Parse("demo.dim.zones"))]);
        Assert.Equal(1, recentCounts[accounts]);
        Assert.Equal(Catalog.Queries.DatasetUsageStats.None, unused);
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
            page = await Store.ListDatasetsAsync(query with { First = 2, AfterName = afterName, AfterSortKey = afterKey }, None);
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
        await Store.SaveAsync<Dataset>(Urn.Dataset(DatasetName.Parse("demo.s.t03")), d => d! with { EditedDescription = "edited last" }, "alice", None);
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
        var succeeded = Engine.Query.QueryState.Succeeded;
        var failed = Engine.Query.QueryState.Failed;
        await Store.SaveQueryAsync(Query("q1", "alice", succeeded, at, "demo.a.bravo", "demo.a.delta"), None);
        await Store.SaveQueryAsync(Query("q2", "bob", succeeded, at, "demo.a.bravo"), None);
        await Store.SaveQueryAsync(Query("q3", "bob", succeeded, at, "demo.a.bravo", "demo.a.echo"), None);
        await Store.SaveQueryAsync(Query("q4", "carol", failed, at, "demo.a.delta", "demo.a.alpha"), None);
        await Store.SaveQueryAsync(Query("q5", "carol", failed, at, "demo.a.delta", "demo.a.alpha"), None);
        await Store.SaveQueryAsync(Query("q6", "carol", succeeded, at, "demo.x.not_in_the_catalog"), None);

        var all = await BrowseAllAsync(new DatasetQuery { Order = DatasetOrder.MostQueried });
        var curated = await BrowseAllAsync(new DatasetQuery { Order = DatasetOrder.MostQueried, Tag = "curated" });

        Assert.Equal(["demo.a.bravo", "demo.a.delta", "demo.a.echo", "demo.a.alpha", "demo.a.charlie", "demo.a.foxtrot"], all.Names);
        Assert.Equal([3L, 1, 1, 0, 0, 0], all.Keys);
        Assert.Equal(6, all.Total);
        Assert.Equal(["demo.a.bravo", "demo.a.echo"], curated.Names);
        Assert.Equal(2, curated.Total);
        var usage = await Store.GetDatasetUsageAsync(Urn.Dataset(DatasetName.Parse("demo.a.bravo")), 10, None);
        Assert.Equal(usage.QueryCount, all.Keys[0]);
    }

    [SkippableFact]
    public async Task Browse_can_leave_out_deprecated_datasets()
    {
        await SaveAsync(NewDataset("demo.a.current", "x"));
        var old = NewDataset("demo.a.old", "x");
        await SaveAsync(old with { Deprecation = new Deprecation(true, "use demo.a.current", "alice", DateTimeOffset.UnixEpoch) });
        async Task<string[]> Names(DatasetQuery q) => (await Store.ListDatasetsAsync(q, None)).Items.Select(d => d.Name).ToArray();

        Assert.Equal(["demo.a.current", "demo.a.old"], await Names(new DatasetQuery()));
        Assert.Equal(["demo.a.current"], await Names(new DatasetQuery { ExcludeDeprecated = true }));
        Assert.Equal(["demo.a.current"], await Names(new DatasetQuery { ExcludeDeprecated = true, Order = DatasetOrder.MostQueried }));

        await Store.SaveAsync<Dataset>(old.Urn, d => d! with { Deprecation = d.Deprecation! with { Deprecated = false } }, "alice", None);

        Assert.Equal(["demo.a.current", "demo.a.old"], await Names(new DatasetQuery { ExcludeDeprecated = true }));
    }

    [SkippableFact]
    public async Task Continuing_an_ordered_browse_needs_the_sort_key_of_the_last_dataset()
    {
        await SaveAsync(NewDataset("demo.a.b", "x"));

        var error = await Assert.ThrowsAsync<CatalogException>(() => Store.ListDatasetsAsync(new DatasetQuery { Order = DatasetOrder.RecentlyUpdated, AfterName = "demo.a.b" }, None));

        Assert.Equal("BAD_USER_INPUT", error.Code);
    }

    [SkippableFact]
    public async Task Datasets_deprecated_before_the_deprecation_column_existed_are_left_out_after_the_migration()
    {
        await SaveAsync(NewDataset("demo.a.current", "x") with { SourceDescription = "mentions \"deprecation\":{\"deprecated\":true in its text" });
        await SaveAsync(NewDataset("demo.a.old", "x") with { Deprecation = new Deprecation(true, "gone", "alice", DateTimeOffset.UnixEpoch) });
        // Undo migration 30, as a database written before it would look.
        await ExecuteSqlAsync("DROP INDEX ix_entities_type_updated");
        await ExecuteSqlAsync("ALTER TABLE entities DROP COLUMN deprecated");
        await ExecuteSqlAsync("DELETE FROM schema_migrations WHERE version = 30");

        await Store.InitializeAsync(None);

        var page = await Store.ListDatasetsAsync(new DatasetQuery { ExcludeDeprecated = true }, None);
        Assert.Equal(["demo.a.current"], page.Items.Select(d => d.Name));
    }
}
