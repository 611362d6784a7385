using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Hosting;
using TownLake.Catalog.Identity;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Hosting.Operations;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;

namespace TownLake.Catalog.Discovery;

/// <summary>
/// Keeps the Lucene index (under the data directory) in step with the store and answers searches. The index follows
/// the store's change log: every commit records the last change-log number it reflects, so after a crash (or on a
/// replica that was down) it reopens and catches up from there instead of rebuilding; it is rebuilt from the store
/// only when it is missing, unreadable, of an older format, or claims changes the store does not have (a store
/// restored from an older backup). Commits on this process wake it at once, commits on other replicas through the
/// store's notifications, and it polls the log every second in case a wake-up was lost. Popularity (query counts)
/// is recomputed by one replica at a time, which announces the datasets whose count changed through the log.
/// Deleting the index directory loses nothing.
/// </summary>
public sealed partial class CatalogSearch : BackgroundService
{
    /// <summary>The lease that keeps the popularity job on one replica.</summary>
    public const string PopularityJob = "search-popularity";

    private static readonly TimeSpan PopularityRefresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PositionReport = TimeSpan.FromSeconds(5);
    private const int BatchSize = 5000;
    private readonly IEntityStore _store;
    private readonly IQueryAuditStore _queryAudit;
    private readonly IChangeLog _changeLog;
    private readonly CatalogChangeFeed _feed;
    private readonly ReplicaLeases _leases;
    private readonly TownLakeMetrics _metrics;
    private readonly Profiles.IProfileStore _profiles;
    private readonly Governance.IGovernanceStore _governance;
    private readonly Governance.AccessEvaluator _governanceRules;
    private readonly TownLakeOptions _options;
    private readonly ILogger<CatalogSearch> _logger;
    private readonly TaskCompletionSource<SearchIndex> _index = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, GlossaryTerm> _glossary = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, int> _queryCounts = new Dictionary<string, int>();
    private long _knownHead;
    private long _lastReport = long.MinValue / 2;
    private int _prunedRebuilds;

    public CatalogSearch(IEntityStore store, IQueryAuditStore queryAudit, IChangeLog changeLog, Profiles.IProfileStore profiles, Governance.IGovernanceStore governance, Governance.AccessEvaluator governanceRules, CatalogChangeFeed feed, ReplicaLeases leases, TownLakeMetrics metrics, IOptions<TownLakeOptions> options, ILogger<CatalogSearch> logger)
    {
        _metrics = metrics;
        _store = store;
        _queryAudit = queryAudit;
        _changeLog = changeLog;
        _feed = feed;
        _leases = leases;
        _profiles = profiles;
        _governance = governance;
        _governanceRules = governanceRules;
        _options = options.Value;
        _logger = logger;
    }

    public string IndexDirectory => Path.Combine(_options.FullDataDirectory, "search");

    /// <summary>How the index was opened (existing, built, rebuilt) — for operators and tests.</summary>
    public IndexOpenOutcome? OpenOutcome => _index.Task.IsCompletedSuccessfully ? _index.Task.Result.OpenOutcome : null;

    /// <summary>Segments the index's searches read (many after a burst of writes, merged down once writes pause) — for operators and benchmarks.</summary>
    public int? SegmentCount => _index.Task.IsCompletedSuccessfully ? _index.Task.Result.SegmentCount : null;

    /// <summary>The last change-log number the index reflects (null until it is open).</summary>
    public long? AppliedSequence => _index.Task.IsCompletedSuccessfully ? _index.Task.Result.Checkpoint : null;

    /// <summary>Change-log entries committed but not yet in the index, as far as this replica knows (null until open).</summary>
    public long? Lag => AppliedSequence is { } applied ? Math.Max(0, Math.Max(Interlocked.Read(ref _knownHead), _feed.LastCommitted) - applied) : null;

    /// <summary>Opens (or rebuilds) the index; called once the store is ready and the demo is loaded. Catching up runs in the background.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_index.Task.IsCompleted)
        {
            return;
        }

        await LoadGlossaryAsync(cancellationToken);
        _queryCounts = await _queryAudit.GetQueryCountsAsync(null, cancellationToken);
        // Read before the documents: changes committed while they stream are replayed from here (replaying is harmless).
        var head = await _changeLog.GetHeadAsync(cancellationToken);
        Interlocked.Exchange(ref _knownHead, head);
        var options = new SearchIndexOptions { DirectoryPath = IndexDirectory, RequireCheckpoint = true };
        var index = await SearchIndex.OpenAsync(options, AllDocumentsAsync, () => head, cancellationToken);
        index.SetGlossary(GlossaryEntries());
        if (index.OpenOutcome == IndexOpenOutcome.OpenedExisting && index.Checkpoint > head)
        {
            // The index has changes the store never committed: the store was restored from an older backup or replaced.
            _logger.LogWarning("Search index is at change {Checkpoint} but the store only at {Head}; rebuilding it from the store", index.Checkpoint, head);
            index.Checkpoint = head;
            await index.RebuildAsync(AllDocumentsAsync(cancellationToken), cancellationToken);
        }

        _logger.LogInformation(
            "Search index {Outcome}: {Count} documents in {Directory}, at change {Checkpoint} of {Head} (catching up the rest in the background)",
            index.OpenOutcome, index.Count, IndexDirectory, index.Checkpoint, head);
        _index.TrySetResult(index);
    }

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var index = await _index.Task.WaitAsync(cancellationToken);
        using var activity = _metrics.Tracing.StartActivity("search");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return index.Search(WithDefaultTypes(request), cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw CatalogException.BadInput(ex.Message);
        }
        finally
        {
            _metrics.SearchAnswered(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// Searches that name no type (no <c>types</c>, no type filter) find what search always found — datasets, terms,
    /// pages — and count only those in their facets; jobs only when asked for.
    /// </summary>
    private static SearchRequest WithDefaultTypes(SearchRequest request) =>
        request.EntityTypes is not null || request.Filters.ContainsKey(SearchFacet.EntityType)
            ? request
            : request with { EntityTypes = [nameof(SearchEntityType.Dataset), nameof(SearchEntityType.GlossaryTerm), nameof(SearchEntityType.DocumentationPage)] };

    public async Task<IReadOnlyList<AutocompleteSuggestion>> AutocompleteAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var index = await _index.Task.WaitAsync(cancellationToken);
        return index.Autocomplete(prefix, limit, null);
    }

    /// <summary>Rebuilds the whole index from the store (an operator's repair; start-up does it when needed).</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var index = await _index.Task.WaitAsync(cancellationToken);
        await LoadGlossaryAsync(cancellationToken);
        index.SetGlossary(GlossaryEntries());
        await index.RebuildAsync(AllDocumentsAsync(cancellationToken), cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is { } running)
        {
            // The loop applies what is committed and commits the index on its way out; dispose only after it.
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_index.Task.IsCompletedSuccessfully)
        {
            await _index.Task.Result.DisposeAsync();
        }
    }

    /// <summary>
    /// Profiles as the index may hold them: search results are shown to every reader, so a column's values are indexed
    /// only when governance approved the column and did not classify it as personal data (scanner or reviewer); a
    /// dataset governance has not registered contributes no values.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, Profiles.DatasetProfile>> SearchableProfilesAsync(IReadOnlyList<string> datasetUrns, CancellationToken cancellationToken)
    {
        var profiles = await _profiles.GetProfilesAsync(datasetUrns, cancellationToken);
        if (profiles.Count == 0)
        {
            return profiles;
        }

        var policies = await _governance.GetPoliciesAsync(profiles.Keys.ToList(), cancellationToken);
        return profiles.ToDictionary(
            p => p.Key,
            p =>
            {
                // A connection opened on purpose is approved before governance has registered its columns.
                var connection = DatasetName.TryParse(Urn.Parse(p.Key).Key, out var name, out _) ? name.Catalog : null;
                var policy = policies.GetValueOrDefault(p.Key);
                return p.Value with
                {
                    Columns = p.Value.Columns.Where(c => policy?.IsPii(c.Name) != true && connection is not null
                        && _governanceRules.ColumnState(connection, policy, c.Name) == Governance.ReviewState.Approved).ToList(),
                };
            },
            StringComparer.Ordinal);
    }
}
