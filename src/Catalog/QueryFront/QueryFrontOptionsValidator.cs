using Microsoft.Extensions.Options;

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

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.MaxSpillSize ?? string.Empty, @"^\d+(\.\d+)?\s*[KMGT]?i?B$", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            return ValidateOptionsResult.Fail($"TownLake:Query:MaxSpillSize is '{options.MaxSpillSize}'; use a size such as '512MB' or '4GB'.");
        }

        return ValidateOptionsResult.Success;
    }
}
