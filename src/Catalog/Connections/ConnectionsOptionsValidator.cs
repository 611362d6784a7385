using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Connections;

/// <summary>Refuses a wrong connection setting at start-up with one line naming it (see <see cref="ConfiguredConnection.Parse"/>).</summary>
public sealed class ConnectionsOptionsValidator : IValidateOptions<ConnectionsOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionsOptions options)
    {
        foreach (var (connectionName, values) in options.Connections.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var (_, problem) = ConfiguredConnection.Parse(connectionName, values);
            if (problem is not null)
            {
                return ValidateOptionsResult.Fail(problem);
            }
        }

        return ValidateOptionsResult.Success;
    }
}
