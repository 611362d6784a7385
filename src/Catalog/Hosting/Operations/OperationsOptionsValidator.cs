using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>Refuses to start with operations settings that cannot work, naming the setting.</summary>
public sealed class OperationsOptionsValidator : IValidateOptions<OperationsOptions>
{
    public ValidateOptionsResult Validate(string? name, OperationsOptions options)
    {
        if (options.MaxIndexLag is < 0 or > 100_000_000)
        {
            return ValidateOptionsResult.Fail($"TownLake:Operations:MaxIndexLag is {options.MaxIndexLag}; use 0 to 100,000,000 change-log entries.");
        }

        if (options.StoreProbeTimeout <= TimeSpan.Zero || options.StoreProbeTimeout > TimeSpan.FromMinutes(1))
        {
            return ValidateOptionsResult.Fail($"TownLake:Operations:StoreProbeTimeout is '{options.StoreProbeTimeout}'; use a duration up to a minute, e.g. '00:00:02'.");
        }

        if (options.StoreStartupRetryMax < TimeSpan.FromSeconds(1) || options.StoreStartupRetryMax > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail($"TownLake:Operations:StoreStartupRetryMax is '{options.StoreStartupRetryMax}'; use a duration from a second to ten minutes, e.g. '00:00:30'.");
        }

        if (options.ChangeLogRetention < TimeSpan.Zero || options.ChangeLogRetention > TimeSpan.FromDays(3650))
        {
            return ValidateOptionsResult.Fail($"TownLake:Operations:ChangeLogRetention is '{options.ChangeLogRetention}'; use a duration from 0 to 3650 days, e.g. '7.00:00:00'.");
        }

        if (options.ChangeLogFollowerTimeout < TimeSpan.FromSeconds(1) || options.ChangeLogFollowerTimeout > TimeSpan.FromDays(3650))
        {
            return ValidateOptionsResult.Fail($"TownLake:Operations:ChangeLogFollowerTimeout is '{options.ChangeLogFollowerTimeout}'; use a duration from a second to 3650 days, e.g. '1.00:00:00'.");
        }

        if (options.ChangeLogPruneInterval < TimeSpan.FromSeconds(1) || options.ChangeLogPruneInterval > TimeSpan.FromDays(1))
        {
            return ValidateOptionsResult.Fail($"TownLake:Operations:ChangeLogPruneInterval is '{options.ChangeLogPruneInterval}'; use a duration from a second to a day, e.g. '00:10:00'.");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail($"TownLake:Operations:ShutdownTimeout is '{options.ShutdownTimeout}'; use a duration up to ten minutes, e.g. '00:00:20'.");
        }

        if (options.OtlpEndpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return ValidateOptionsResult.Fail($"TownLake:Operations:OtlpEndpoint '{endpoint}' is not an http(s) URL, e.g. 'http://otel-collector:4317'.");
        }

        return ValidateOptionsResult.Success;
    }
}
