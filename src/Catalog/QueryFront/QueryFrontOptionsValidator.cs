using Microsoft.Extensions.Options;
using TownLake.Engine.Connectors.DuckDb;

namespace TownLake.Catalog.QueryFront;

/// <summary>Refuses a wrong <c>TownLake:Query</c> setting at start-up with one line naming it.</summary>
public sealed class QueryFrontOptionsValidator : IValidateOptions<QueryFrontOptions>
{
    public ValidateOptionsResult Validate(string? name, QueryFrontOptions options)
    {
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:Timeout is '{options.Timeout}'; use a duration between one millisecond and a day, e.g. '00:01:00'.");
        }

        if (options.MaxRows is < 1 or > 10_000_000)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxRows is {options.MaxRows}; use 1 to 10,000,000 (rows are held in memory for paging).");
        }

        if (options.MaxConcurrentQueries is < 1 or > 256)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxConcurrentQueries is {options.MaxConcurrentQueries}; use 1 to 256.");
        }

        if (options.Retention <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:Retention is '{options.Retention}'; use a positive duration such as '00:30:00'.");
        }

        const long MiB = 1024 * 1024;
        if (options.MaxResultBytes is < MiB or > 64L * 1024 * MiB)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxResultBytes is {options.MaxResultBytes}; use 1 MiB ({MiB}) to 64 GiB (rows are held in memory for paging).");
        }

        if (options.MaxRetainedBytes < options.MaxResultBytes)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxRetainedBytes is {options.MaxRetainedBytes}; use at least MaxResultBytes ({options.MaxResultBytes}), so one full result can be kept.");
        }

        if (options.MaxConcurrentQueriesPerUser < 1 || options.MaxConcurrentQueriesPerUser > options.MaxConcurrentQueries)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxConcurrentQueriesPerUser is {options.MaxConcurrentQueriesPerUser}; use 1 to MaxConcurrentQueries ({options.MaxConcurrentQueries}).");
        }

        if (options.MaxQueuedQueriesPerUser is < 1 or > 10_000)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxQueuedQueriesPerUser is {options.MaxQueuedQueriesPerUser}; use 1 to 10,000.");
        }

        if (options.QueueTimeout <= TimeSpan.Zero || options.QueueTimeout > TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:QueueTimeout is '{options.QueueTimeout}'; use a duration between one millisecond and a day, e.g. '00:02:00'.");
        }

        if (options.MaxRetainedRunsPerUser is < 1 or > 10_000)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxRetainedRunsPerUser is {options.MaxRetainedRunsPerUser}; use 1 to 10,000.");
        }

        if (DuckDbSize.Bytes(options.MaxSpillSize) is not > 0)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxSpillSize is '{Shown(options.MaxSpillSize)}'; use a size such as '512MB' or '4GB'.");
        }

        // DuckDB needs a few MB per thread to run at all; more than the machine has is no limit.
        var memory = DuckDbSize.Bytes(options.DuckDbMemoryLimit);
        var machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (memory is not { } limit || limit < 16_000_000 || limit > machine)
        {
            return ValidateOptionsResult.Fail(
                $"TownLake:Query:DuckDbMemoryLimit is '{Shown(options.DuckDbMemoryLimit)}'; use a size from 16MB to this machine's memory ({machine / MiB:N0} MB), such as '256MB' or '2GB'.");
        }

        if (options.DuckDbThreads is < 1 or > 256)
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:DuckDbThreads is {options.DuckDbThreads}; use 1 to 256, or leave it empty for one per core.");
        }

        return ValidateOptionsResult.Success;
    }

    // A setting is echoed back to help, but never at any length (the value may be anything a deployment file holds).
    private static string Shown(string? value) => value is null ? string.Empty : value.Length <= 40 ? value : value[..40] + "…";
}
