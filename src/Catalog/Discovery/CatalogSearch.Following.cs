using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;

namespace TownLake.Catalog.Discovery;

/// <summary>The index following the store's change log: the catch-up loop, applying entries, and announcing popularity.</summary>
public sealed partial class CatalogSearch
{
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
                await ReportPositionAsync(index, stoppingToken);
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
            IReadOnlyList<ChangeLogEntry> entries;
            try
            {
                entries = await _changeLog.ReadAfterAsync(from, BatchSize, cancellationToken);
            }
            catch (ChangeLogPrunedException pruned)
            {
                await RebuildAfterPruningAsync(index, pruned, cancellationToken);
                continue;
            }
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

    /// <summary>Re-indexes the changed entities of one type as they are now: written again, or deleted when removed or gone.</summary>
    private async Task ApplyEntitiesAsync<T>(SearchIndex index, IReadOnlyCollection<string> urns, Func<T, SearchDocument> toDocument, CancellationToken cancellationToken)
        where T : class, ICatalogEntity
    {
        if (urns.Count == 0)
        {
            return;
        }

        var found = await _store.GetManyAsync<T>(urns, cancellationToken);
        foreach (var urn in urns)
        {
            await (found.TryGetValue(urn, out var entity) && !entity.Removed
                ? index.UpsertAsync(toDocument(entity), cancellationToken)
                : index.DeleteAsync(urn, cancellationToken));
        }
    }

    /// <summary>Rebuilds taken because this index fell behind the pruned change log (an index offline past the retention).</summary>
    public int PrunedRebuilds => Volatile.Read(ref _prunedRebuilds);

    /// <summary>This index's name among the change log's followers: one per host and index directory, stable across restarts.</summary>
    private string FollowerName => $"search:{Environment.MachineName}:{IndexDirectory}";

    private async Task RebuildAfterPruningAsync(SearchIndex index, ChangeLogPrunedException pruned, CancellationToken cancellationToken)
    {
        _logger.LogWarning(
            "Search index is at change {Checkpoint} but the change log is pruned through {PrunedThrough} (this index was away longer than the retention); rebuilding it from the store",
            pruned.Position, pruned.PrunedThrough);
        // Read before the documents, as on open: changes committed while they stream are replayed after.
        var head = await _changeLog.GetHeadAsync(cancellationToken);
        index.Checkpoint = head;
        await index.RebuildAsync(AllDocumentsAsync(cancellationToken), cancellationToken);
        Interlocked.Increment(ref _prunedRebuilds);
        _logger.LogInformation("Search index rebuilt after pruning: {Count} documents at change {Head}", index.Count, head);
    }

    /// <summary>Tells the change log how far this index is (at most every few seconds), so pruning keeps what it lacks.</summary>
    private async Task ReportPositionAsync(SearchIndex index, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (now - _lastReport < (long)PositionReport.TotalMilliseconds)
        {
            return;
        }

        await _changeLog.ReportPositionAsync(FollowerName, index.Checkpoint, cancellationToken);
        _lastReport = now;
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

        await ApplyEntitiesAsync<Documentation.Document>(index, Keys(RelationalCatalogStore.TypeName(EntityType.Document)), SearchDocumentMapper.FromDocument, cancellationToken);
        await ApplyEntitiesAsync<Lineage.Job>(index, Keys(RelationalCatalogStore.TypeName(EntityType.Job)), SearchDocumentMapper.FromJob, cancellationToken);

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
}
