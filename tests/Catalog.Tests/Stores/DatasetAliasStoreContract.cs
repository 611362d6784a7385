using TownLake.Catalog.Lineage;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="IDatasetAliasStore"/> must do: an outside name keeps its dataset, a dataset its first primary name.</summary>
public abstract class DatasetAliasStoreContract(IStoreDatabase database) : StoreContract(database)
{
    [SkippableFact]
    public async Task Dataset_aliases_keep_their_dataset_and_its_first_primary()
    {
        var orders = DatasetUrn("shop.public.orders");
        var other = DatasetUrn("shop.public.other");
        await Aliases.SaveDatasetAliasesAsync([new DatasetAlias("postgres://db:5432", "shop.public.orders", orders, true), new DatasetAlias("file:/wh", "public.orders", orders, false)], None);
        await Aliases.SaveDatasetAliasesAsync([new DatasetAlias("s3://lake", "orders", orders, true), new DatasetAlias("postgres://db:5432", "shop.public.orders", other, true)], None);

        var found = await Aliases.FindDatasetAliasAsync("postgres://db:5432", "shop.public.orders", None);
        var aliases = await Aliases.GetDatasetAliasesAsync([orders, other], None);

        Assert.Equal(new DatasetAlias("postgres://db:5432", "shop.public.orders", orders, true), found);
        Assert.Null(await Aliases.FindDatasetAliasAsync("postgres://db:5432", "nope", None));
        Assert.Equal(3, aliases[orders].Count);
        Assert.Equal(("postgres://db:5432", "shop.public.orders"), (aliases[orders][0].Namespace, aliases[orders][0].Name));
        Assert.Single(aliases[orders], a => a.IsPrimary);
        Assert.False(aliases.ContainsKey(other));
    }

    [SkippableFact]
    public async Task Moving_a_dataset_carries_its_names_and_edges_to_the_target_without_self_references()
    {
        var path = DatasetUrn("s3.wh.sessions");
        var table = DatasetUrn("hive.curated.sessions");
        var clicks = DatasetUrn("s3.raw.clicks");
        var report = DatasetUrn("bi.out.report");
        await Aliases.SaveDatasetAliasesAsync([new DatasetAlias("s3://wh", "curated.db/sessions", path, true), new DatasetAlias("hive://ms", "curated.sessions", table, true)], None);
        await Lineage.UpsertLineageAsync([
            new LineageEdge { UpstreamUrn = clicks, DownstreamUrn = path, Origin = "openlineage", JobUrn = "urn:tl:job:a" },
            new LineageEdge { UpstreamUrn = clicks, DownstreamUrn = table, Origin = "openlineage", JobUrn = "urn:tl:job:a" },
            new LineageEdge { UpstreamUrn = path, DownstreamUrn = report, Origin = "openlineage", JobUrn = "urn:tl:job:b" },
            new LineageEdge { UpstreamUrn = table, DownstreamUrn = path, Origin = "openlineage", JobUrn = "urn:tl:job:c" },
        ], None);

        await Aliases.MoveDatasetReferencesAsync(path, table, None);

        var moved = await Aliases.FindDatasetAliasAsync("s3://wh", "curated.db/sessions", None);
        Assert.Equal(table, moved!.DatasetUrn);
        Assert.False(moved.IsPrimary);
        Assert.Single((await Aliases.GetDatasetAliasesAsync([table], None))[table], a => a.IsPrimary);
        Assert.Empty(await Lineage.GetLineageEdgesAsync(path, LineageDirection.Both, None));
        var edges = await Lineage.GetLineageEdgesAsync(table, LineageDirection.Both, None);
        Assert.Equal(2, edges.Count);
        Assert.Contains(edges, e => e.UpstreamUrn == clicks && e.DownstreamUrn == table);
        Assert.Contains(edges, e => e.UpstreamUrn == table && e.DownstreamUrn == report && e.JobUrn == "urn:tl:job:b");
    }

    [SkippableFact]
    public async Task A_lineage_graph_following_the_change_log_sees_edges_moved_onto_the_target()
    {
        var path = DatasetUrn("s3.wh.sessions");
        var table = DatasetUrn("hive.curated.sessions");
        var clicks = DatasetUrn("s3.raw.clicks");
        var report = DatasetUrn("bi.out.report");
        await Lineage.UpsertLineageAsync([
            new LineageEdge { UpstreamUrn = clicks, DownstreamUrn = path, Origin = "openlineage", JobUrn = "urn:tl:job:a" },
            new LineageEdge { UpstreamUrn = path, DownstreamUrn = report, Origin = "openlineage", JobUrn = "urn:tl:job:b" },
        ], None);
        using var graph = new LineageIndex(Lineage, ChangeLog, Feed);
        var before = await graph.GetAsync(None);

        await Aliases.MoveDatasetReferencesAsync(path, table, None);
        var after = await graph.GetAsync(None);

        Assert.Equal([path], before.Walk(report, LineageDirection.Upstream, 1, 10).Depths.Keys.Where(u => u != report));
        Assert.Equal([table], after.Walk(report, LineageDirection.Upstream, 1, 10).Depths.Keys.Where(u => u != report));
        Assert.Equal([clicks], after.Walk(table, LineageDirection.Upstream, 1, 10).Depths.Keys.Where(u => u != table));
        Assert.Equal((0, 0), after.Counts(path));
    }

    [SkippableFact]
    public async Task Aliases_of_many_datasets_are_read_past_one_chunk_of_keys()
    {
        var urns = Enumerable.Range(0, 510).Select(i => DatasetUrn($"lake.s.t{i:D3}")).ToList();
        await Aliases.SaveDatasetAliasesAsync(urns.Select((u, i) => new DatasetAlias("s3://lake", $"t{i:D3}", u, true)).ToList(), None);

        var aliases = await Aliases.GetDatasetAliasesAsync(urns, None);

        Assert.Equal(510, aliases.Count);
        Assert.Equal("t509", Assert.Single(aliases[urns[509]]).Name);
        Assert.Empty(await Aliases.GetDatasetAliasesAsync([], None));
    }
}

/// <summary>The alias contract on SQLite.</summary>
public sealed class SqliteDatasetAliasStoreTests() : DatasetAliasStoreContract(new SqliteStoreDatabase());

/// <summary>The alias contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDatasetAliasStoreTests(PostgresFixture fixture) : DatasetAliasStoreContract(new PostgresStoreDatabase(fixture));
