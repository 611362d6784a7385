using TownLake.Catalog.Lineage.Impact;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="ISchemaChangeImpactStore"/> must do: one impact per dataset and schema version, newest first.</summary>
public abstract class SchemaChangeImpactStoreContract(IStoreDatabase database) : StoreContract(database)
{
    private static SchemaChangeImpact Impact(string dataset, int version, params string[] columns) => new()
    {
        DatasetUrn = DatasetUrn(dataset),
        SchemaVersion = version,
        At = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000 + version),
        Actor = "ingester",
        Changes = [new SchemaColumnChange("amount", SchemaChangeKind.Dropped, OldType: "DOUBLE")],
        Columns = [.. columns.Select((c, i) => new ImpactedColumn(DatasetUrn("lake.fct.totals"), c, i + 1, "amount"))],
        Jobs = ["urn:tl:job:townlake:lake.fct.totals"],
    };

    [SkippableFact]
    public async Task Impacts_are_kept_per_schema_version_newest_first_and_a_second_record_of_a_version_replaces_the_first()
    {
        await Impacts.SaveSchemaChangeImpactAsync(Impact("lake.raw.sales", 2, "total"), None);
        await Impacts.SaveSchemaChangeImpactAsync(Impact("lake.raw.sales", 3, "total", "avg"), None);
        await Impacts.SaveSchemaChangeImpactAsync(Impact("lake.raw.sales", 2, "total", "avg", "max"), None);
        await Impacts.SaveSchemaChangeImpactAsync(Impact("lake.raw.other", 5, "x"), None);

        var listed = await Impacts.ListSchemaChangeImpactsAsync(DatasetUrn("lake.raw.sales"), 10, None);

        Assert.Equal([3, 2], listed.Select(i => i.SchemaVersion));
        Assert.Equal(["total", "avg", "max"], listed[1].Columns.Select(c => c.Column));
        Assert.Equal(SchemaChangeKind.Dropped, listed[0].Changes.Single().Kind);
        Assert.Equal(["urn:tl:job:townlake:lake.fct.totals"], listed[0].Jobs);
        Assert.Single(await Impacts.ListSchemaChangeImpactsAsync(DatasetUrn("lake.raw.sales"), 1, None));
        Assert.Equal(2, (await Impacts.GetSchemaChangeImpactAsync(DatasetUrn("lake.raw.sales"), 3, None))!.Columns.Count);
        Assert.Null(await Impacts.GetSchemaChangeImpactAsync(DatasetUrn("lake.raw.sales"), 4, None));
    }
}

/// <summary>The schema-change impact contract on SQLite.</summary>
public sealed class SqliteSchemaChangeImpactStoreTests() : SchemaChangeImpactStoreContract(new SqliteStoreDatabase());

/// <summary>The schema-change impact contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaChangeImpactStoreTests(PostgresFixture fixture) : SchemaChangeImpactStoreContract(new PostgresStoreDatabase(fixture));
