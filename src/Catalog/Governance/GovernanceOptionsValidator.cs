using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Governance;

/// <summary>Refuses governance settings that cannot work, at start-up, with one line saying which and why.</summary>
public sealed class GovernanceOptionsValidator : IValidateOptions<GovernanceOptions>
{
    public ValidateOptionsResult Validate(string? name, GovernanceOptions options)
    {
        var failures = new List<string>();
        if (options.MaxGrantDuration <= TimeSpan.Zero || options.MaxGrantDuration > TimeSpan.FromDays(3650))
        {
            failures.Add($"{GovernanceOptions.Section}:MaxGrantDuration must be between a second and ten years (it is {options.MaxGrantDuration}).");
        }

        if (options.MaxReasonLength is < 10 or > 100_000)
        {
            failures.Add($"{GovernanceOptions.Section}:MaxReasonLength must be between 10 and 100000.");
        }

        if (options.MaskKey is { Length: > 0 and < 16 })
        {
            failures.Add($"{GovernanceOptions.Section}:MaskKey must be at least 16 characters (a short key lets anyone compute masks for guessed values).");
        }

        if (options.TrinoRulesToken is { Length: > 0 and < 32 })
        {
            failures.Add($"{GovernanceOptions.Section}:TrinoRulesToken must be at least 32 characters.");
        }

        if (options.TrinoOpaToken is { Length: > 0 and < 32 })
        {
            failures.Add($"{GovernanceOptions.Section}:TrinoOpaToken must be at least 32 characters.");
        }

        foreach (var network in (options.TrinoOpaNetworks ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                failures.Add($"{GovernanceOptions.Section}:TrinoOpaNetworks entry '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/8).");
            }
            else if (parsed.PrefixLength == 0)
            {
                failures.Add($"{GovernanceOptions.Section}:TrinoOpaNetworks entry '{network}' trusts every address; name the Trino coordinators' network.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
