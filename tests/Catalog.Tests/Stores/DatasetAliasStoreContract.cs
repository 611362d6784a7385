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
