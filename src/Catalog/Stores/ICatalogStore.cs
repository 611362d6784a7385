using TownLake.Catalog.Datasets;
using TownLake.Catalog.History;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;

namespace TownLake.Catalog.Stores;

/// <summary>
/// The catalog's system of record: entities with their aspects, the change history, and the lineage graph.
/// Two real adapters implement it (SQLite embedded, PostgreSQL for teams) and pass the same contract suite.
/// Every write is one transaction; saving an unchanged entity writes nothing (upserts are idempotent).
/// </summary>
public interface ICatalogStore
{
    /// <summary>Creates or migrates the database schema. Safe to call on every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    Task<T?> GetAsync<T>(string urn, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>Loads many entities in one round trip (for DataLoaders); missing URNs are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IReadOnlyCollection<string> urns, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>All entities of a small entity type (tags, domains, glossary terms, users, groups, jobs), ordered by name.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(EntityType type, bool includeRemoved, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>
    /// Reads the entity (null when new), applies <paramref name="change"/>, and writes the result with one history
    /// entry per changed aspect — all in one transaction. Returns the stored entity and what changed.
    /// </summary>
    Task<SaveResult<T>> SaveAsync<T>(string urn, Func<T?, T> change, string actor, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>Saves many entities in one transaction (the ingestion path): all are written or none is.</summary>
    Task<IReadOnlyList<SaveResult<T>>> SaveManyAsync<T>(IReadOnlyList<EntityChange<T>> changes, string actor, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>
    /// One page of datasets, filtered and sorted in the database. Paging is keyset: the next page starts after the
    /// previous page's last (sort key, name), so under a live order (last update, query count) a dataset whose key
    /// changes between two page reads can move past the boundary and be seen twice or not at all.
    /// </summary>
    Task<DatasetPage> ListDatasetsAsync(DatasetQuery query, CancellationToken cancellationToken);

    /// <summary>Every entity of a type, streamed (the search index is rebuilt from this).</summary>
    IAsyncEnumerable<T> StreamAsync<T>(EntityType type, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>The change history of one entity, newest first.</summary>
    Task<IReadOnlyList<ChangeEvent>> GetHistoryAsync(string urn, int first, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the lineage edges that one origin (e.g. <c>sql</c>, <c>openlineage</c>) and job recorded into a downstream
    /// dataset with <paramref name="edges"/>; re-sending the same edges changes nothing. Column edges imply their
    /// dataset-level edge, which is stored too.
    /// </summary>
    Task ReplaceLineageAsync(string downstreamUrn, string origin, string? jobUrn, IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken);

    /// <summary>Adds or updates edges without removing others (manual edges, batch loads).</summary>
    Task UpsertLineageAsync(IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken);

    /// <summary>The edges touching a dataset directly (dataset- and column-level).</summary>
    Task<IReadOnlyList<LineageEdge>> GetLineageEdgesAsync(string urn, LineageDirection direction, CancellationToken cancellationToken);

    /// <summary>Walks dataset-level lineage in the database (recursive CTE), cycle-safe, up to a depth and a node cap.</summary>
    Task<LineageWalk> WalkLineageAsync(string urn, LineageDirection direction, int depth, int maxNodes, CancellationToken cancellationToken);

    /// <summary>The edges among a set of datasets (for drawing a walked graph), optionally with column edges.</summary>
    Task<IReadOnlyList<LineageEdge>> GetEdgesAmongAsync(IReadOnlyCollection<string> urns, bool includeColumns, CancellationToken cancellationToken);

    /// <summary>Every lineage edge (dataset- and column-level), streamed: in-memory lineage indexes are built from this.</summary>
    IAsyncEnumerable<LineageEdge> StreamLineageEdgesAsync(CancellationToken cancellationToken);

    /// <summary>A number that changes with every lineage write, so a cached copy of the graph knows it is stale.</summary>
    Task<long> GetLineageVersionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores an OpenLineage event under its key. Returns false (and writes nothing) when an event with the same key and
    /// content hash is already stored; a different event under the same key replaces the stored one.
    /// </summary>
    Task<bool> RecordLineageEventAsync(Lineage.OpenLineage.StoredLineageEvent lineageEvent, CancellationToken cancellationToken);

    /// <summary>Stored OpenLineage events, newest first (optionally of one job).</summary>
    Task<IReadOnlyList<Lineage.OpenLineage.StoredLineageEvent>> ListLineageEventsAsync(string? jobUrn, int first, CancellationToken cancellationToken);

    /// <summary>
    /// Records outside names of datasets. A known name keeps the dataset it leads to; a dataset keeps its first
    /// primary alias (later ones are stored as plain aliases).
    /// </summary>
    Task SaveDatasetAliasesAsync(IReadOnlyList<DatasetAlias> aliases, CancellationToken cancellationToken);

    /// <summary>The dataset an outside name (OpenLineage namespace + name) leads to, or null.</summary>
    Task<DatasetAlias?> FindDatasetAliasAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Every alias of the given datasets (primary first), keyed by dataset URN.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<DatasetAlias>>> GetDatasetAliasesAsync(IReadOnlyCollection<string> urns, CancellationToken cancellationToken);

    /// <summary>Writes a query's audit row (insert, or update by id) with the datasets it read.</summary>
    Task SaveQueryAsync(Queries.QueryRecord query, CancellationToken cancellationToken);

    /// <summary>One audited query by id, or null.</summary>
    Task<Queries.QueryRecord?> GetQueryAsync(string id, CancellationToken cancellationToken);

    /// <summary>Audited queries that read a dataset (optionally only one user's), newest first.</summary>
    Task<IReadOnlyList<Queries.QueryRecord>> ListDatasetQueriesAsync(string datasetUrn, string? user, int first, CancellationToken cancellationToken);

    /// <summary>Usage of a dataset from the successful queries that read it, with the <paramref name="top"/> users and joined datasets.</summary>
    Task<Queries.DatasetUsageStats> GetDatasetUsageAsync(string datasetUrn, int top, CancellationToken cancellationToken);

    /// <summary>Successful queries per dataset URN since a time (all time when null): the popularity signal for search.</summary>
    Task<IReadOnlyDictionary<string, int>> GetQueryCountsAsync(DateTimeOffset? since, CancellationToken cancellationToken);

    // Batched reads for GraphQL DataLoaders: each answers one relation for every parent of a GraphQL level in one
    // round trip, with exactly the rows the single-parent read above would give each parent. Parents with nothing
    // to show are absent from the result.

    /// <summary>
    /// <see cref="GetDatasetUsageAsync"/> for many datasets at once (query audit and usage). Datasets no successful
    /// query read are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, Queries.DatasetUsageStats>> GetDatasetUsageManyAsync(IReadOnlyCollection<string> datasetUrns, int top, CancellationToken cancellationToken);

    /// <summary><see cref="ListDatasetQueriesAsync"/> for many datasets at once (query audit and usage): each dataset's newest <paramref name="first"/>.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Queries.QueryRecord>>> ListDatasetQueriesManyAsync(IReadOnlyCollection<string> datasetUrns, string? user, int first, CancellationToken cancellationToken);

    /// <summary><see cref="GetHistoryAsync"/> for many entities at once (history): each entity's newest <paramref name="first"/> changes.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<ChangeEvent>>> GetHistoryManyAsync(IReadOnlyCollection<string> urns, int first, CancellationToken cancellationToken);

    /// <summary>
    /// Live entities of one type that link to any of <paramref name="targets"/> by <paramref name="rel"/> (entities),
    /// grouped by target and ordered by name: a group's child terms (<see cref="EntityLinks.Parent"/>), a user's
    /// groups (<see cref="EntityLinks.Member"/>).
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<T>>> ListLinkingManyAsync<T>(EntityType type, string rel, IReadOnlyCollection<string> targets, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>
    /// The first <paramref name="first"/> live datasets by name linked to each of <paramref name="targets"/> by
    /// <paramref name="rel"/> (dataset browse): <see cref="ListDatasetsAsync"/> filtered by one domain or term, for many at once.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Dataset>>> ListDatasetsByLinkManyAsync(string rel, IReadOnlyCollection<string> targets, int first, CancellationToken cancellationToken);
}

/// <summary>One entity to save in a batch: its URN and how to change it.</summary>
public sealed record EntityChange<T>(string Urn, Func<T?, T> Change) where T : class, ICatalogEntity;

/// <summary>The stored entity after a save, and the aspects that changed (empty when the save changed nothing).</summary>
public sealed record SaveResult<T>(T Entity, IReadOnlyList<string> ChangedAspects, bool Created) where T : class, ICatalogEntity
{
    public bool Changed => ChangedAspects.Count > 0;
}

/// <summary>A dataset browse request: filters, an order and a keyset cursor.</summary>
public sealed record DatasetQuery
{
    public string? Catalog { get; init; }
    public string? Schema { get; init; }
    public string? Platform { get; init; }
    public string? Tag { get; init; }
    public string? Owner { get; init; }
    public string? Domain { get; init; }
    public string? GlossaryTerm { get; init; }
    public bool IncludeRemoved { get; init; }

    /// <summary>Leaves out datasets marked deprecated.</summary>
    public bool ExcludeDeprecated { get; init; }

    public DatasetOrder Order { get; init; } = DatasetOrder.Name;
    public int First { get; init; } = 50;

    /// <summary>The name of the last dataset of the previous page (decoded cursor).</summary>
    public string? AfterName { get; init; }

    /// <summary>
    /// The sort key of the last dataset of the previous page (<see cref="DatasetPage.SortKeys"/>); required with
    /// <see cref="AfterName"/> for every order but <see cref="DatasetOrder.Name"/>.
    /// </summary>
    public long? AfterSortKey { get; init; }
}

/// <summary>One page of datasets with the total count of the filtered set.</summary>
public sealed record DatasetPage(IReadOnlyList<Dataset> Items, int TotalCount, bool HasNextPage)
{
    public DatasetOrder Order { get; init; } = DatasetOrder.Name;

    /// <summary>
    /// Each item's sort key under <see cref="Order"/> (last update in Unix milliseconds, or successful query count;
    /// 0 for the name order), parallel to <see cref="Items"/>: with the name it positions the next page.
    /// </summary>
    public IReadOnlyList<long> SortKeys { get; init; } = [];
}

/// <summary>The datasets reached by a lineage walk, each with its distance from the start.</summary>
public sealed record LineageWalk(IReadOnlyDictionary<string, int> Depths, bool Truncated);
