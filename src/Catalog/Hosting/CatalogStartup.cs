using Microsoft.Extensions.Options;
using TownLake.Catalog.Demo;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Hosting.Operations;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Hosting;

/// <summary>
/// Runs before the server accepts requests: migrates the store and, on a first start of the embedded default,
/// creates the demo warehouse, then opens the search index — so the first request already sees a complete catalog.
/// When the store cannot be reached (a database that starts after the service, or is down), start-up does not fail:
/// the server starts live but not ready, every other request answers 503 <c>SOURCE_UNAVAILABLE</c>
/// (<see cref="StartupGate"/>), and the store is retried with a backoff doubling up to
/// <see cref="OperationsOptions.StoreStartupRetryMax"/> until it answers.
/// </summary>
public sealed class CatalogStartup(
    ICatalogDatabase store,
    CatalogStoreReady storeReady,
    StoreStartupStatus status,
    IOptions<TownLakeOptions> options,
    IOptions<OperationsOptions> operations,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<CatalogStartup> logger) : IHostedService
{
    // Never disposed on purpose: a host whose start failed disposes its services and may still call StopAsync after,
    // and a source without a timer holds nothing that needs releasing.
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.FullDataDirectory);
        try
        {
            await StartWithStoreAsync(cancellationToken);
        }
        catch (Exception ex) when (IsUnreachable(ex) && !cancellationToken.IsCancellationRequested)
        {
            var delay = TimeSpan.FromSeconds(1);
            status.Failed(Reason(ex), clock.GetUtcNow() + delay);
            logger.LogWarning(
                "Catalog store ({Store}) unreachable at start-up: {Reason}. The service starts live but not ready (requests answer 503 SOURCE_UNAVAILABLE) and retries the store in {Delay}, backing off up to {MaxDelay}",
                options.Value.Store, Reason(ex), delay, operations.Value.StoreStartupRetryMax);
            _retrying = RetryAsync(delay, _stopping.Token);
        }
    }

    private async Task StartWithStoreAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        storeReady.MarkReady();
        logger.LogInformation("Catalog store ready ({Store}); data directory {DataDirectory}", options.Value.Store, options.Value.FullDataDirectory);
        if (options.Value.DemoWarehouseEnabled)
        {
            await services.GetRequiredService<DemoWarehouse>().EnsureLoadedAsync(cancellationToken);
            await services.GetRequiredService<Governance.DemoGovernance>().ApplyAsync(cancellationToken);
        }

        // Opened after the demo loads, so a first start builds the index once from a complete store.
        await services.GetRequiredService<Discovery.CatalogSearch>().OpenAsync(cancellationToken);
    }

    private async Task RetryAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        // Off the start-up path: the server must start listening (live, not ready) while this waits.
        await Task.Yield();
        while (true)
        {
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
                await StartWithStoreAsync(stoppingToken);
                logger.LogInformation("Catalog store reachable after {Failures} failed start-up attempts; the service is starting normally", status.State.Failures);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsUnreachable(ex))
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, operations.Value.StoreStartupRetryMax.Ticks));
                status.Failed(Reason(ex), clock.GetUtcNow() + delay);
                logger.LogWarning("Catalog store still unreachable (start-up attempt {Attempt}): {Reason}; retrying in {Delay}", status.State.Failures, Reason(ex), delay);
            }
            catch (Exception ex)
            {
                // Reachable but failing otherwise (a migration error, a wrong password): not something waiting fixes.
                logger.LogCritical(ex, "Catalog start-up failed once the store answered; stopping the service");
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsUnreachable(Exception exception) => StoreFaults.Classify(exception) is { Code: ErrorCodes.SourceUnavailable };

    private static string Reason(Exception exception)
    {
        // The innermost message names the cause (connection refused, host unknown, the database starting up).
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, exception) ? exception.Message : $"{exception.Message} ({inner.Message})";
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _retrying.WaitAsync(cancellationToken);
    }
}
