using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Discovery;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// Ready means able to answer truthfully: the store answers within <see cref="OperationsOptions.StoreProbeTimeout"/>,
/// the search index is open, and neither it nor the lineage graph is more than <see cref="OperationsOptions.MaxIndexLag"/>
/// change-log entries behind the store. The data lists each part, so an operator sees which one is not ready.
/// </summary>
public sealed class ReadinessCheck(CatalogStoreReady storeReady, StoreStartupStatus startup, TimeProvider clock, IChangeLog changeLog, CatalogSearch search, LineageIndex lineage, IOptions<OperationsOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!storeReady.Ready.IsCompleted)
        {
            var (failures, reason, next) = startup.State;
            return HealthCheckResult.Unhealthy(failures == 0
                ? "Start-up is migrating the catalog store."
                : $"Start-up is waiting for the catalog store: {failures} attempts failed, the last with: {reason} Next attempt in {Math.Max(0, (next - clock.GetUtcNow()).TotalSeconds):F0} s.");
        }

        long head;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.StoreProbeTimeout);
            head = await changeLog.GetHeadAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The catalog store cannot be reached: " + (ex is OperationCanceledException ? $"no answer within {settings.StoreProbeTimeout}." : ex.Message));
        }

        var searchAt = search.AppliedSequence;
        var lineageAt = lineage.AppliedSequence;
        var data = new Dictionary<string, object>
        {
            ["storeChange"] = head,
            ["searchChange"] = searchAt ?? -1,
            ["lineageChange"] = lineageAt,
            ["maxIndexLag"] = settings.MaxIndexLag,
            // Rebuilds because the change log was pruned past a follower's position (it was away longer than the retention).
            ["searchRebuiltAfterPruning"] = search.PrunedRebuilds,
            ["lineageRebuiltAfterPruning"] = lineage.PrunedRebuilds,
        };
        if (searchAt is null)
        {
            return HealthCheckResult.Unhealthy("The search index is still opening.", data: data);
        }

        if (head - searchAt.Value > settings.MaxIndexLag)
        {
            return HealthCheckResult.Unhealthy($"The search index is catching up: {head - searchAt.Value} changes behind the store.", data: data);
        }

        if (lineageAt < 0)
        {
            return HealthCheckResult.Unhealthy("The lineage graph is still loading.", data: data);
        }

        if (head - lineageAt > settings.MaxIndexLag)
        {
            return HealthCheckResult.Unhealthy($"The lineage graph is catching up: {head - lineageAt} changes behind the store.", data: data);
        }

        return HealthCheckResult.Healthy($"Store reachable; search and lineage within {settings.MaxIndexLag} changes of it.", data);
    }
}
