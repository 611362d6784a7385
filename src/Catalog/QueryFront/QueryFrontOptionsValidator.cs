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

        return ValidateOptionsResult.Success;
    }
}
