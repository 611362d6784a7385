using TownLake.Catalog.Datasets;
using TownLake.Catalog.History;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// The base of every store port contract: a fresh store over an empty database per test, reached only through its
/// ports. Each contract derives from this and each adapter runs each contract (a SQLite and a PostgreSQL subclass),
/// so both are held to exactly the same behaviour.
/// </summary>
public abstract class StoreContract(IStoreDatabase database) : IAsyncLifetime
{
    protected static readonly CancellationToken None = CancellationToken.None;
    private RelationalCatalogStore? _store;

    private RelationalCatalogStore Store => _store ?? throw new InvalidOperationException("store not opened");

    protected IStoreDatabase Database => database;

    protected ICatalogDatabase Schema => Store;

    protected IEntityStore Entities => Store;

    protected IEntityHistoryStore History => Store;

    protected IDatasetBrowseStore Browse => Store;

    protected ILineageStore Lineage => Store;

    protected IDatasetAliasStore Aliases => Store;

    protected ILineageEventLog Events => Store;

    protected TownLake.Catalog.Lineage.Runs.ILineageRunStore Runs => Store;

    protected TownLake.Catalog.Lineage.Impact.ISchemaChangeImpactStore Impacts => Store;

    protected IQueryAuditStore Audit => Store;

    protected IChangeLog ChangeLog => Store;

    protected IJobLeases Leases => Store;
    protected TownLake.Catalog.Governance.IGovernanceStore Governance => Store;
    protected TownLake.Catalog.Profiles.IProfileStore Profiles => Store;
    protected TownLake.Catalog.Hosting.Operations.IDatasetWorkLog WorkLog => Store;

    protected CatalogChangeFeed Feed { get; } = new();

    /// <summary>The store's clock: it stands still unless a test advances it, so writes in one test tie unless spaced.</summary>
    protected ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000));

    public async Task InitializeAsync()
    {
        _store = await database.CreateStoreAsync(Feed, Clock);
        await _store.InitializeAsync(None);
    }

    public async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    protected static Dataset NewDataset(string name, params string[] columns)
    {
        var dataset = Dataset.Create(DatasetName.Parse(name), DateTimeOffset.UnixEpoch);
        return dataset with { Platform = "duckdb", Columns = columns.Select((c, i) => new SchemaField { Name = c, NativeType = "VARCHAR", Ordinal = i + 1 }).ToList() };
    }

    protected Task<SaveResult<Dataset>> SaveAsync(Dataset dataset, string actor = "tester") =>
        Entities.SaveAsync<Dataset>(dataset.Urn, _ => dataset, actor, None);

    protected static string DatasetUrn(string name) => Urn.Dataset(DatasetName.Parse(name));

    protected static LineageEdge Edge(string up, string down, string upColumn = "", string downColumn = "", string origin = "sql") => new()
    {
        UpstreamUrn = DatasetUrn(up),
        DownstreamUrn = DatasetUrn(down),
        UpstreamColumn = upColumn,
        DownstreamColumn = downColumn,
        Origin = origin,
    };
}
