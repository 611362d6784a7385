using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>Refuses a wrong <c>TownLake:Lineage:OpenLineage</c> limit at start-up with one line naming it.</summary>
public sealed class OpenLineageLimitsValidator : IValidateOptions<OpenLineageLimits>
{
    public ValidateOptionsResult Validate(string? name, OpenLineageLimits options)
    {
        var failure =
            Range(nameof(options.MaxEventBytes), options.MaxEventBytes, 1024, 256 * 1024 * 1024) ??
            Range(nameof(options.MaxInputs), options.MaxInputs, 1, 1_000_000) ??
            Range(nameof(options.MaxOutputs), options.MaxOutputs, 1, 1_000_000) ??
            Range(nameof(options.MaxDepth), options.MaxDepth, 8, 1_000) ??
            Range(nameof(options.MaxFields), options.MaxFields, 1, 10_000_000);
        return failure is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failure);
    }

    private static string? Range(string setting, int value, int min, int max) =>
        value >= min && value <= max ? null : $"{OpenLineageLimits.Section}:{setting} is {value}; use {min:N0} to {max:N0}.";
}
