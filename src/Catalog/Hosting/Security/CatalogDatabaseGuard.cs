using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using TownLake.Catalog.Connections;

namespace TownLake.Catalog.Hosting.Security;

/// <summary>
/// Refuses at start-up a postgres connection that points at the catalog's own PostgreSQL database: through it any
/// signed-in user could read the query audit (everyone's SQL) and ingest the catalog's internal tables. Compares host,
/// port and database (loopback names count as one host).
/// </summary>
public sealed class CatalogDatabaseGuard(IOptions<ConnectionsOptions> connections) : IValidateOptions<TownLakeOptions>
{
    public ValidateOptionsResult Validate(string? name, TownLakeOptions catalog)
    {
        if (!catalog.Store.Equals("postgres", StringComparison.OrdinalIgnoreCase) || Target.Of(catalog.PostgresConnectionString) is not { } store)
        {
            return ValidateOptionsResult.Success;
        }

        foreach (var (connectionName, values) in connections.Value.Connections.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var settings = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
            if (settings.TryGetValue(ConfiguredConnection.TypeKey, out var type) && type.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                && settings.TryGetValue("ConnectionString", out var connectionString) && Target.Of(connectionString) is { } target && target.Overlaps(store))
            {
                return ValidateOptionsResult.Fail($"TownLake:Connections:{connectionName} points at the catalog's own database ({store.Database}); "
                    + "give queries a separate database and a read-only role, never the catalog's store.");
            }
        }

        return ValidateOptionsResult.Success;
    }

    private sealed record Target(IReadOnlyList<(string Host, int Port)> Servers, string Database)
    {
        public static Target? Of(string? connectionString)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                var database = builder.Database ?? builder.Username ?? "";
                var servers = (builder.Host ?? "localhost").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(h => Server(h, builder.Port)).ToList();
                return new Target(servers, database);
            }
            catch (ArgumentException)
            {
                return null; // a malformed string is the other validators' to report
            }
        }

        public bool Overlaps(Target other) =>
            string.Equals(Database, other.Database, StringComparison.Ordinal) && Servers.Any(s => other.Servers.Contains(s));

        private static (string Host, int Port) Server(string host, int defaultPort)
        {
            var port = defaultPort;
            var colon = host.LastIndexOf(':');
            if (colon > 0 && !host.EndsWith(']') && int.TryParse(host[(colon + 1)..], out var explicitPort) && host.Count(c => c == ':') == 1)
            {
                port = explicitPort;
                host = host[..colon];
            }

            var name = host.Trim('[', ']').ToLowerInvariant();
            var isLoopback = name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
            return (isLoopback ? "localhost" : name, port);
        }
    }
}
