using System.Threading.Channels;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Governance;

/// <summary>
/// Registers every dataset that appears or changes — from connector ingestion, <c>upsertDataset</c>, OpenLineage and
/// dbt outputs alike, since all of them write through the store's change feed — in the review queue: pending (or
/// approved for an opened connection, recorded as such), and every new column of a known dataset pending. Until it has
/// run, the evaluator already treats an unknown dataset or column as pending, so nothing is ever open by accident;
/// on start it catches up with datasets written while it was not running.
/// </summary>
public sealed class GovernanceRegistrar : BackgroundService
{
    /// <summary>The actor registrations are recorded under.</summary>
    public const string Actor = "townlake";

    private readonly Channel<Dataset> _appeared = Channel.CreateUnbounded<Dataset>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IGovernanceStore _store;
    private readonly IEntityStore _entities;
    private readonly AccessEvaluator _evaluator;
    private readonly ILogger<GovernanceRegistrar> _logger;

    public GovernanceRegistrar(CatalogChangeFeed feed, IGovernanceStore store, IEntityStore entities, AccessEvaluator evaluator, ILogger<GovernanceRegistrar> logger)
    {
        _store = store;
        _entities = entities;
        _evaluator = evaluator;
        _logger = logger;
        feed.Follow(changed =>
        {
            foreach (var dataset in changed.OfType<Dataset>().Where(d => !d.Removed))
            {
                _appeared.Writer.TryWrite(dataset);
            }
        });
    }

    /// <summary>Registers one dataset now (also used by reviews, so a review never races its registration).</summary>
    public Task<IReadOnlyList<string>> RegisterAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        var opened = _evaluator.IsOpened(dataset);
        return _store.RegisterDatasetAsync(
            dataset.Urn,
            dataset.Columns.OrderBy(c => c.Ordinal).Select(c => c.Name).ToList(),
            opened ? ReviewState.Approved : ReviewState.Pending,
            Actor,
            opened ? $"connection {dataset.Catalog} opened by {GovernanceOptions.Section}:OpenConnections" : null,
            cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await CatchUpAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "Catching up governance registration failed; datasets without a review stay pending");
        }

        await foreach (var dataset in _appeared.Reader.ReadAllAsync(stoppingToken))
        {
            await RegisterSafelyAsync(dataset, stoppingToken);
        }
    }

    /// <summary>Datasets read (with their policies) per step of the start-up catch-up.</summary>
    internal const int CatchUpChunk = 500;

    /// <summary>
    /// Registers the datasets written while the registrar was not running, streamed a chunk at a time: reading every
    /// dataset at once (whole documents, columns and all) took gigabytes at 200,000 datasets right after start-up,
    /// which the GC kept as the process's resident memory (606 MiB when ready, 2.7 GiB a minute later).
    /// </summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var chunk = new List<Dataset>(CatchUpChunk);
        await foreach (var dataset in _entities.StreamAsync<Dataset>(EntityType.Dataset, cancellationToken))
        {
            if (!dataset.Removed)
            {
                chunk.Add(dataset);
            }

            if (chunk.Count == CatchUpChunk)
            {
                await RegisterMissingAsync(chunk, cancellationToken);
                chunk.Clear();
            }
        }

        await RegisterMissingAsync(chunk, cancellationToken);
    }

    private async Task RegisterMissingAsync(IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken)
    {
        if (datasets.Count == 0)
        {
            return;
        }

        var known = await _store.GetPoliciesAsync(datasets.Select(d => d.Urn).ToList(), cancellationToken);
        foreach (var dataset in datasets)
        {
            if (!known.TryGetValue(dataset.Urn, out var policy) || dataset.Columns.Any(c => !policy.Columns.ContainsKey(c.Name)))
            {
                await RegisterSafelyAsync(dataset, cancellationToken);
            }
        }
    }

    private async Task RegisterSafelyAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        try
        {
            await RegisterAsync(dataset, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The dataset stays unregistered, which the evaluator treats as pending: closed, and caught up on next start.
            _logger.LogWarning(ex, "Registering {Dataset} for review failed", dataset.Name);
        }
    }
}
