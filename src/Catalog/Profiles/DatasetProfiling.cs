using Microsoft.Extensions.Options;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Profiling;

namespace TownLake.Catalog.Profiles;

/// <summary>
/// Profiles catalogued datasets through the Engine's <see cref="TableProfiler"/> and keeps the result as each
/// dataset's latest <see cref="DatasetProfile"/>. Datasets of Trino connections are not profiled yet (the profiler
/// runs on the embedded engine, which does not read Trino). Each profile taken is recorded in the
/// <see cref="Hosting.Operations.DatasetSchedule"/> under <see cref="Job"/>, so the scheduled sweep leaves it alone
/// until it is older than <see cref="ProfilesOptions.Interval"/> or the dataset's columns change.
/// </summary>
public sealed class DatasetProfiling(
    ConnectionRegistry connections,
    IDatasetBrowseStore datasets,
    IProfileStore profiles,
    Stores.CatalogChangeFeed feed,
    Hosting.Operations.DatasetSchedule schedule,
    TableProfiler profiler,
    IOptions<ProfilesOptions> options,
    TimeProvider clock,
    ILogger<DatasetProfiling> logger)
{
    /// <summary>The job name of profiling's schedule: its lease and its records of which dataset was profiled when.</summary>
    public const string Job = "profile";

    /// <summary>Profiles one dataset now and keeps the profile. BAD_USER_INPUT when its source cannot be profiled.</summary>
    public async Task<DatasetProfile> ProfileAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        var target = Target(dataset);
        var started = clock.GetUtcNow();
        TableStatistics statistics;
        try
        {
            statistics = await profiler.ProfileAsync(target, options.Value.ToEngine(), cancellationToken);
        }
        catch (QueryException ex)
        {
            throw CatalogException.BadInput($"Profiling {dataset.Name} failed: {ex.Message}");
        }

        return await KeepAsync(dataset, started, statistics, cancellationToken);
    }

    /// <summary>
    /// Profiles the live datasets among <paramref name="batch"/>, the datasets of one connection through one engine
    /// session (a DuckDB file is attached once for them all, not once per statement); a dataset that cannot be profiled
    /// is logged and skipped. Returns how many were profiled.
    /// </summary>
    public async Task<int> ProfileManyAsync(IReadOnlyList<Dataset> batch, CancellationToken cancellationToken)
    {
        var targets = new List<(Dataset Dataset, ProfileTarget Target)>();
        foreach (var dataset in batch.Where(d => !d.Removed))
        {
            try
            {
                targets.Add((dataset, Target(dataset)));
            }
            catch (CatalogException ex)
            {
                logger.LogWarning("Profiling {Dataset} skipped: {Message}", dataset.Name, ex.Message);
            }
        }

        var profiled = 0;
        foreach (var connection in targets.GroupBy(t => t.Target.Connection.Name, StringComparer.Ordinal))
        {
            var datasets = connection.Select(t => t.Dataset).ToList();
            var index = 0;
            var started = clock.GetUtcNow();
            await foreach (var outcome in profiler.ProfileManyAsync(connection.Select(t => t.Target).ToList(), options.Value.ToEngine(), cancellationToken))
            {
                var dataset = datasets[index++];
                if (outcome.Statistics is { } statistics)
                {
                    await KeepAsync(dataset, started, statistics, cancellationToken);
                    profiled++;
                }
                else
                {
                    logger.LogWarning("Profiling {Dataset} failed and is skipped: {Message}", dataset.Name, outcome.Error!.Message);
                }

                // The next dataset's profile starts when this one is kept.
                started = clock.GetUtcNow();
            }
        }

        return profiled;
    }

    /// <summary>Profiles every live dataset of a connection, a page at a time through one engine session; a dataset that fails is logged and skipped.</summary>
    public async Task<int> ProfileConnectionAsync(string connectionName, CancellationToken cancellationToken)
    {
        var profiled = 0;
        string? after = null;
        while (true)
        {
            var page = await datasets.ListDatasetsAsync(new DatasetQuery { Catalog = connectionName, First = 500, AfterName = after }, cancellationToken);
            profiled += await ProfileManyAsync(page.Items, cancellationToken);
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return profiled;
            }

            after = page.Items[^1].Name;
        }
    }

    private ProfileTarget Target(Dataset dataset)
    {
        var connection = connections.Find(dataset.Catalog)
            ?? throw CatalogException.BadInput($"{dataset.Name} belongs to no configured connection ('{dataset.Catalog}'), so it cannot be profiled.");
        if (connection.Type == ConnectionType.Trino)
        {
            throw CatalogException.BadInput($"{dataset.Name} is on a Trino connection; profiling reads DuckDB, file and PostgreSQL connections only.");
        }

        return new ProfileTarget(connection.Settings, dataset.Schema, dataset.Table,
            dataset.Columns.OrderBy(c => c.Ordinal).Select(c => new ProfileColumn(c.Name, c.NativeType)).ToList(), dataset.RowCount);
    }

    private async Task<DatasetProfile> KeepAsync(Dataset dataset, DateTimeOffset started, TableStatistics statistics, CancellationToken cancellationToken)
    {
        var profile = ProfileMapper.ToProfile(dataset.Urn, started, statistics);
        await profiles.SaveProfileAsync(profile, cancellationToken);
        await schedule.RecordAsync(Job, dataset.Urn, dataset.SchemaVersion, cancellationToken);
        // The dataset's search document carries its columns' frequent values: re-index it.
        feed.Publish([dataset]);
        return profile;
    }
}
