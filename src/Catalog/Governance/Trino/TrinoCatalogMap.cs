using TownLake.Catalog.Connections;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.Trino;

namespace TownLake.Catalog.Governance.Trino;

/// <summary>
/// How TownLake's connection names meet Trino's catalog names: a dataset on a Trino connection lives in that
/// connection's Trino catalog (its <c>Catalog</c> setting), any other under its connection name. The rules renderer
/// and the OPA endpoint both read it, so both name the same tables.
/// </summary>
public sealed class TrinoCatalogMap(ConnectionRegistry connections)
{
    private readonly IReadOnlySet<string> _serviceUsers = connections.All
        .Where(c => c.Type == ConnectionType.Trino)
        .Select(c => TrinoConnection.From(c.Settings).ServiceUser)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>TownLake's own Trino users (ingestion, scanning): they read everything and never run callers' SQL.</summary>
    public IReadOnlySet<string> ServiceUsers => _serviceUsers;

    /// <summary>The Trino catalog a connection's datasets are in.</summary>
    public string TrinoCatalogOf(string connection) =>
        connections.Find(connection)?.Settings is { Type: ConnectionType.Trino } settings ? TrinoConnection.From(settings).Catalog : connection;

    /// <summary>The connection names whose datasets Trino sees in <paramref name="trinoCatalog"/> (Trino folds names to lower case).</summary>
    public IReadOnlyList<string> ConnectionsOf(string trinoCatalog)
    {
        var names = connections.All
            .Where(c => string.Equals(TrinoCatalogOf(c.Name), trinoCatalog, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Name)
            .ToList();
        if (connections.Find(trinoCatalog) is null)
        {
            // Datasets registered without a configured connection (lineage, dbt) are ruled under their own catalog name.
            names.Add(trinoCatalog);
        }

        return names;
    }
}
