using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Hosting;
using TownLake.Catalog.Identity;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Stores;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;

namespace TownLake.Catalog.Discovery;

/// <summary>
/// Keeps the Lucene index (under the data directory) in step with the store and answers searches. The index is
/// rebuilt from the store when it is missing, corrupt or of an older format; every committed write reaches it
/// through the change feed within a second; popularity (query counts from the audit trail) is refreshed
/// periodically. Deleting the index directory loses nothing.
/// </summary>
public sealed class CatalogSearch : BackgroundService
{
    private static readonly TimeSpan PopularityRefresh = TimeSpan.FromMinutes(5);
    private readonly IEntityStore _store;
    private readonly IQueryAuditStore _queryAudit;
    private readonly Profiles.IProfileStore _profiles;
    private readonly TownLakeOptions _options;
    private readonly ILogger<CatalogSearch> _logger;
    private readonly Channel<ICatalogEntity> _changes = Channel.CreateUnbounded<ICatalogEntity>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<SearchIndex> _index = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, GlossaryTerm> _glossary = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, int> _queryCounts = new Dictionary<string, int>();

    public CatalogSearch(IEntityStore store, IQueryAuditStore queryAudit, Profiles.IProfileStore profiles, CatalogChangeFeed feed, IOptions<TownLakeOptions> options, ILogger<CatalogSearch> logger)
    {
        _store = store;
        _queryAudit = queryAudit;
        _profiles = profiles;
        _options = options.Value;
        _logger = logger;
        // Followed from construction, so writes made while the index opens are queued, not lost.
        feed.Follow(changed =>
        {
            foreach (var entity in changed)
            {
                _changes.Writer.TryWrite(entity);
            }
        });
    }

    public string IndexDirectory => Path.Combine(_options.FullDataDirectory, "search");

    /// <summary>How the index was opened (existing, built, rebuilt) — for operators and tests.</summary>
    public IndexOpenOutcome? OpenOutcome => _index.Task.IsCompletedSuccessfully ? _index.Task.Result.OpenOutcome : null;

    /// <summary>Segments the index's searches read (many after a burst of writes, merged down once writes pause) — for operators and benchmarks.</summary>
    public int? SegmentCount => _index.Task.IsCompletedSuccessfully ? _index.Task.Result.SegmentCount : null;

    /// <summary>Opens (or rebuilds) the index; called once the store is ready and the demo is loaded.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_index.Task.IsCompleted)
        {
            return;
        }

        await LoadGlossaryAsync(cancellationToken);
        _queryCounts = await _queryAudit.GetQueryCountsAsync(null, cancellationToken);
        var index = await SearchIndex.OpenAsync(new SearchIndexOptions { DirectoryPath = IndexDirectory }, AllDocumentsAsync, cancellationToken);
        index.SetGlossary(GlossaryEntries());
        _logger.LogInformation("Search index {Outcome}: {Count} documents in {Directory}", index.OpenOutcome, index.Count, IndexDirectory);
        _index.TrySetResult(index);
    }

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var index = await _index.Task.WaitAsync(cancellationToken);
        try
        {
            return index.Search(request, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw CatalogException.BadInput(ex.Message);
        }
    }

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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(PopularityRefresh);
                if (await _changes.Reader.WaitToReadAsync(wait.Token))
                {
                    var batch = new List<ICatalogEntity>();
                    while (batch.Count < 5000 && _changes.Reader.TryRead(out var entity))
                    {
                        batch.Add(entity);
                    }

                    await ApplyAsync(index, batch, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the wait for changes timed out: time to look at popularity
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex)
            {
                // A failed index write must not stop indexing: the store is the truth and a rebuild repairs the index.
                _logger.LogError(ex, "Applying catalog changes to the search index failed");
            }

            if (DateTime.UtcNow >= nextPopularity)
            {
                nextPopularity = DateTime.UtcNow + PopularityRefresh;
                await RefreshPopularityAsync(index, stoppingToken);
            }
        }

        await index.CommitAsync(CancellationToken.None);
    }

    private async Task ApplyAsync(SearchIndex index, List<ICatalogEntity> batch, CancellationToken cancellationToken)
    {
        var glossaryChanged = false;
        foreach (var term in batch.OfType<GlossaryTerm>())
        {
            glossaryChanged = true;
            _glossary[term.Name] = term;
            await (term.Removed ? index.DeleteAsync(term.Urn, cancellationToken) : index.UpsertAsync(SearchDocumentMapper.FromGlossaryTerm(term), cancellationToken));
        }

        if (glossaryChanged)
        {
            index.SetGlossary(GlossaryEntries());
        }

        foreach (var document in batch.OfType<Documentation.Document>().GroupBy(d => d.Urn).Select(g => g.Last()))
        {
            await (document.Removed ? index.DeleteAsync(document.Urn, cancellationToken) : index.UpsertAsync(SearchDocumentMapper.FromDocument(document), cancellationToken));
        }

        // Only the newest version of each dataset in the batch matters.
        var datasets = batch.OfType<Dataset>().GroupBy(d => d.Urn).Select(g => g.Last()).ToList();
        var profiles = await _profiles.GetProfilesAsync(datasets.Where(d => !d.Removed).Select(d => d.Urn).ToList(), cancellationToken);
        foreach (var dataset in datasets)
        {
            await (dataset.Removed
                ? index.DeleteAsync(dataset.Urn, cancellationToken)
                : index.UpsertAsync(SearchDocumentMapper.FromDataset(dataset, _glossary, _queryCounts.GetValueOrDefault(dataset.Urn), profiles.GetValueOrDefault(dataset.Urn)), cancellationToken));
        }

        await index.RefreshAsync(cancellationToken);
    }

    private async Task RefreshPopularityAsync(SearchIndex index, CancellationToken cancellationToken)
    {
        try
        {
            var counts = await _queryAudit.GetQueryCountsAsync(null, cancellationToken);
            var changed = counts.Where(c => _queryCounts.GetValueOrDefault(c.Key) != c.Value).Select(c => c.Key).ToList();
            _queryCounts = counts;
            var profiles = await _profiles.GetProfilesAsync(changed, cancellationToken);
            foreach (var (_, dataset) in await _store.GetManyAsync<Dataset>(changed, cancellationToken))
            {
                if (!dataset.Removed)
                {
                    await index.UpsertAsync(SearchDocumentMapper.FromDataset(dataset, _glossary, counts.GetValueOrDefault(dataset.Urn), profiles.GetValueOrDefault(dataset.Urn)), cancellationToken);
                }
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
        var profiles = await _profiles.GetProfilesAsync(datasets.Select(d => d.Urn).ToList(), cancellationToken);
        return datasets.Select(d => SearchDocumentMapper.FromDataset(d, _glossary, _queryCounts.GetValueOrDefault(d.Urn), profiles.GetValueOrDefault(d.Urn))).ToList();
    }

    private async Task LoadGlossaryAsync(CancellationToken cancellationToken) =>
        _glossary = (await _store.ListAsync<GlossaryTerm>(EntityType.GlossaryTerm, false, cancellationToken)).ToDictionary(t => t.Name, StringComparer.Ordinal);

    private IEnumerable<GlossaryEntry> GlossaryEntries() =>
        _glossary.Values.Where(t => !t.Removed).Select(t => new GlossaryEntry(t.Name, [.. t.Synonyms, .. t.RelatedTerms]));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_index.Task.IsCompletedSuccessfully)
        {
            await _index.Task.Result.DisposeAsync();
        }
    }
}
