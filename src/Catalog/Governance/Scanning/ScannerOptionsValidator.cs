using Microsoft.Extensions.Options;
using TownLake.Engine.Sampling;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>Refuses a wrong <c>TownLake:Governance:Scanner</c> setting at start-up with one line naming it and its range.</summary>
public sealed class ScannerOptionsValidator : IValidateOptions<ScannerOptions>
{
    private const string Prefix = ScannerOptions.Section;

    public ValidateOptionsResult Validate(string? name, ScannerOptions options)
    {
        if (options.SampleRows is < 1 or > SampleRequest.MaxRows)
        {
            return ValidateOptionsResult.Fail($"{Prefix}:SampleRows is {options.SampleRows}; use 1 to {SampleRequest.MaxRows} (rows are held in memory while a table is classified).");
        }

        if (options.Interval < TimeSpan.FromMinutes(1) || options.Interval > TimeSpan.FromDays(366))
        {
            return ValidateOptionsResult.Fail($"{Prefix}:Interval is '{options.Interval}'; use a duration between a minute and a year, e.g. '1.00:00:00' (daily).");
        }

        if (options.MaxParallelTables is < 1 or > 32)
        {
            return ValidateOptionsResult.Fail($"{Prefix}:MaxParallelTables is {options.MaxParallelTables}; use 1 to 32.");
        }

        if (options.TableTimeout < TimeSpan.FromSeconds(1) || options.TableTimeout > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail($"{Prefix}:TableTimeout is '{options.TableTimeout}'; use a duration between a second and an hour, e.g. '00:00:30'.");
        }

        if (options.MaxValueLength is < 16 or > 65_536)
        {
            return ValidateOptionsResult.Fail($"{Prefix}:MaxValueLength is {options.MaxValueLength}; use 16 to 65,536 characters.");
        }

        const long MiB = 1024 * 1024;
        if (options.MaxSampleBytes is < MiB or > 1024 * MiB)
        {
            return ValidateOptionsResult.Fail($"{Prefix}:MaxSampleBytes is {options.MaxSampleBytes}; use 1 MiB ({MiB}) to 1 GiB ({1024 * MiB}).");
        }

        return ValidateOptionsResult.Success;
    }
}
