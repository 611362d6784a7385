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
public sealed class CatalogSearch : BackgroundService
{
    /// <summary>The lease that keeps the popularity job on one replica.</summary>
    public const string PopularityJob = "search-popularity";

    private static readonly TimeSpan PopularityRefresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private const int BatchSize = 5000;
    private readonly IEntityStore _store;
    private readonly IQueryAuditStore _queryAudit;
    private readonly IChangeLog _changeLog;
    private readonly CatalogChangeFeed _feed;
    private readonly ReplicaLeases _leases;
    private readonly TownLakeMetrics _metrics;
    private readonly Profiles.IProfileStore _profiles;
    private readonly Governance.IGovernanceStore _governance;
    private readonly IReadOnlySet<string> _openedConnections;
    private readonly TownLakeOptions _options;
    private readonly ILogger<CatalogSearch> _logger;
    private readonly TaskCompletionSource<SearchIndex> _index = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, GlossaryTerm> _glossary = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, int> _queryCounts = new Dictionary<string, int>();
    private long _knownHead;

    public CatalogSearch(IEntityStore store, IQueryAuditStore queryAudit, IChangeLog changeLog, Profiles.IProfileStore profiles, Governance.IGovernanceStore governance, IOptions<Governance.GovernanceOptions> governanceOptions, CatalogChangeFeed feed, ReplicaLeases leases, TownLakeMetrics metrics, IOptions<TownLakeOptions> options, ILogger<CatalogSearch> logger)
    {
        _metrics = metrics;
        _store = store;
        _queryAudit = queryAudit;
        _changeLog = changeLog;
        _feed = feed;
        _leases = leases;
        _profiles = profiles;
        _governance = governance;
        _openedConnections = governanceOptions.Value.OpenedConnections();
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

    /// <summary>Searches that name no type find what search always found (datasets, terms, pages); jobs only when asked for.</summary>
    private static SearchRequest WithDefaultTypes(SearchRequest request) => request.Filters.ContainsKey(SearchFacet.EntityType)
        ? request
        : request with
        {
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>>(request.Filters)
            {
                [SearchFacet.EntityType] = [nameof(SearchEntityType.Dataset), nameof(SearchEntityType.GlossaryTerm), nameof(SearchEntityType.DocumentationPage)],
            },
        };

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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SearchIndex index;
        try
        {
            index = await _index.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var nextPopularity = DateTime.UtcNow + PopularityRefresh;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await CatchUpAsync(index, stoppingToken);
                failures = 0;
                if (applied == 0 && _feed.LastCommitted <= index.Checkpoint)
                {
                    await _feed.WaitAsync(Poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The store unreachable or a failed index write: the position did not move, so the next round retries
                // the same entries; nothing is skipped. Back off so an outage does not spin.
                failures++;
                _logger.LogWarning(ex, "Applying the change log to the search index failed (attempt {Attempt}); retrying", failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * failures)), stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            if (DateTime.UtcNow >= nextPopularity)
            {
                nextPopularity = DateTime.UtcNow + PopularityRefresh;
                await AnnouncePopularityAsync(stoppingToken);
            }
        }

        // Shutting down (requests have drained): apply what is committed, within a bound, then make it durable with its
        // checkpoint, so a restart resumes exactly there (and with nothing to catch up after a clean stop).
        try
        {
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await CatchUpAsync(index, drain.Token);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Applying the last changes before shutdown failed; the next start catches up from change {Checkpoint}", index.Checkpoint);
        }

        await index.CommitAsync(CancellationToken.None);
        _logger.LogInformation("Search index committed at change {Checkpoint} on shutdown", index.Checkpoint);
    }

    /// <summary>Applies every change-log entry after the index's checkpoint; returns how many it applied.</summary>
    public async Task<int> CatchUpAsync(SearchIndex index, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var from = index.Checkpoint;
            var entries = await _changeLog.ReadAfterAsync(from, BatchSize, cancellationToken);
            if (entries.Count == 0)
            {
                Interlocked.Exchange(ref _knownHead, Math.Max(Interlocked.Read(ref _knownHead), index.Checkpoint));
                return total;
            }

            var last = entries[^1].Sequence;
            Interlocked.Exchange(ref _knownHead, Math.Max(Interlocked.Read(ref _knownHead), last));
            await ApplyAsync(index, entries, cancellationToken);
            // Only after the writes: a commit may then hold more than its checkpoint says, never less. Refused when a
            // failed flush rewound the index meanwhile: the next round replays from there.
            index.TryAdvanceCheckpoint(from, last);
            total += entries.Count;
            if (entries.Count < BatchSize)
            {
                await index.RefreshAsync(cancellationToken);
                return total;
            }
        }
    }

    private async Task ApplyAsync(SearchIndex index, IReadOnlyList<ChangeLogEntry> entries, CancellationToken cancellationToken)
    {
        HashSet<string> Keys(string kind) => entries.Where(e => e.Kind == kind).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var terms = Keys(RelationalCatalogStore.TypeName(EntityType.GlossaryTerm));
        if (terms.Count > 0)
        {
            foreach (var term in (await _store.GetManyAsync<GlossaryTerm>(terms, cancellationToken)).Values)
            {
                _glossary[term.Name] = term;
                await (term.Removed ? index.DeleteAsync(term.Urn, cancellationToken) : index.UpsertAsync(SearchDocumentMapper.FromGlossaryTerm(term), cancellationToken));
            }

            index.SetGlossary(GlossaryEntries());
        }

        var documents = Keys(RelationalCatalogStore.TypeName(EntityType.Document));
        if (documents.Count > 0)
        {
            var found = await _store.GetManyAsync<Documentation.Document>(documents, cancellationToken);
            foreach (var urn in documents)
            {
                await (found.TryGetValue(urn, out var document) && !document.Removed
                    ? index.UpsertAsync(SearchDocumentMapper.FromDocument(document), cancellationToken)
                    : index.DeleteAsync(urn, cancellationToken));
            }
        }

        var jobs = Keys(RelationalCatalogStore.TypeName(EntityType.Job));
        if (jobs.Count > 0)
        {
            var found = await _store.GetManyAsync<Lineage.Job>(jobs, cancellationToken);
            foreach (var urn in jobs)
            {
                await (found.TryGetValue(urn, out var job) && !job.Removed
                    ? index.UpsertAsync(SearchDocumentMapper.FromJob(job), cancellationToken)
                    : index.DeleteAsync(urn, cancellationToken));
            }
        }

        var datasets = Keys(RelationalCatalogStore.TypeName(EntityType.Dataset));
        var popular = Keys(ChangeKinds.Popularity);
        if (popular.Count > 0)
        {
            // Another replica (or this one) found these counts changed: read the counts it read.
            _queryCounts = await _queryAudit.GetQueryCountsAsync(null, cancellationToken);
            datasets.UnionWith(popular);
        }

        if (datasets.Count > 0)
        {
            var found = await _store.GetManyAsync<Dataset>(datasets, cancellationToken);
            var profiles = await SearchableProfilesAsync(found.Values.Where(d => !d.Removed).Select(d => d.Urn).ToList(), cancellationToken);
            foreach (var urn in datasets)
            {
                await (found.TryGetValue(urn, out var dataset) && !dataset.Removed
                    ? index.UpsertAsync(SearchDocumentMapper.FromDataset(dataset, _glossary, _queryCounts.GetValueOrDefault(urn), profiles.GetValueOrDefault(urn)), cancellationToken)
                    : index.DeleteAsync(urn, cancellationToken));
            }
        }
    }

    /// <summary>
    /// On the replica holding the popularity lease: recounts queries and announces the datasets whose count changed
    /// through the change log, so every replica's index (this one's too) re-ranks the same datasets.
    /// </summary>
    private async Task AnnouncePopularityAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _leases.HoldAsync(PopularityJob, cancellationToken))
            {
                return;
            }

            var counts = await _queryAudit.GetQueryCountsAsync(null, cancellationToken);
            var changed = counts.Where(c => _queryCounts.GetValueOrDefault(c.Key) != c.Value).Select(c => new ChangeRecord(ChangeKinds.Popularity, c.Key)).ToList();
            if (changed.Count > 0)
            {
                await _changeLog.AppendAsync(changed, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Refreshing dataset popularity for search failed");
        }
    }

    private async IAsyncEnumerable<SearchDocument> AllDocumentsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var term in _glossary.Values.Where(t => !t.Removed))
        {
            yield return SearchDocumentMapper.FromGlossaryTerm(term);
        }

        await foreach (var document in _store.StreamAsync<Documentation.Document>(EntityType.Document, cancellationToken))
        {
            if (!document.Removed)
            {
                yield return SearchDocumentMapper.FromDocument(document);
            }
        }

        await foreach (var job in _store.StreamAsync<Lineage.Job>(EntityType.Job, cancellationToken))
        {
            if (!job.Removed)
            {
                yield return SearchDocumentMapper.FromJob(job);
            }
        }

        // Profiles are read for a chunk of datasets at a time, so a rebuild makes one profile read per chunk.
        var chunk = new List<Dataset>(500);
        await foreach (var dataset in _store.StreamAsync<Dataset>(EntityType.Dataset, cancellationToken))
        {
            if (!dataset.Removed)
            {
                chunk.Add(dataset);
            }

            if (chunk.Count == chunk.Capacity)
            {
                foreach (var document in await DatasetDocumentsAsync(chunk, cancellationToken))
                {
                    yield return document;
                }

                chunk.Clear();
            }
        }

        foreach (var document in await DatasetDocumentsAsync(chunk, cancellationToken))
        {
            yield return document;
        }
    }

    private async Task<List<SearchDocument>> DatasetDocumentsAsync(List<Dataset> datasets, CancellationToken cancellationToken)
    {
        var profiles = await SearchableProfilesAsync(datasets.Select(d => d.Urn).ToList(), cancellationToken);
        return datasets.Select(d => SearchDocumentMapper.FromDataset(d, _glossary, _queryCounts.GetValueOrDefault(d.Urn), profiles.GetValueOrDefault(d.Urn))).ToList();
    }

    private async Task LoadGlossaryAsync(CancellationToken cancellationToken) =>
        _glossary = (await _store.ListAsync<GlossaryTerm>(EntityType.GlossaryTerm, false, cancellationToken)).ToDictionary(t => t.Name, StringComparer.Ordinal);

    private IEnumerable<GlossaryEntry> GlossaryEntries() =>
        _glossary.Values.Where(t => !t.Removed).Select(t => new GlossaryEntry(t.Name, [.. t.Synonyms, .. t.RelatedTerms]));

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
                var opened = DatasetName.TryParse(Urn.Parse(p.Key).Key, out var name, out _) && _openedConnections.Contains(name.Catalog);
                var policy = policies.GetValueOrDefault(p.Key);
                return p.Value with
                {
                    Columns = p.Value.Columns.Where(c => policy?.IsPii(c.Name) != true
                        && (policy?.Columns.TryGetValue(c.Name, out var review) == true ? review.State == Governance.ReviewState.Approved : opened)).ToList(),
                };
            },
            StringComparer.Ordinal);
    }
}
