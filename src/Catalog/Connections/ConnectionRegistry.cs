using Microsoft.Extensions.Options;
using TownLake.Catalog.Demo;
using TownLake.Catalog.Hosting;
using TownLake.Catalog.Identity;
using TownLake.Engine.Connectors;

namespace TownLake.Catalog.Connections;

/// <summary>
/// The connections in force: those configured under <c>TownLake:Connections</c>, plus the demo warehouse as connection
/// <c>demo</c> (type duckdb) when the demo is on and no connection of that name is configured.
/// </summary>
public sealed class ConnectionRegistry
{
    /// <summary>The name the demo warehouse is served under (the first part of <c>demo.dim.accounts</c>).</summary>
    public const string DemoConnectionName = "demo";

    private readonly Dictionary<string, ConfiguredConnection> _byName;

    public ConnectionRegistry(IOptions<ConnectionsOptions> connections, IOptions<TownLakeOptions> options, DemoWarehouse demo)
    {
        _byName = new Dictionary<string, ConfiguredConnection>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in connections.Value.Connections)
        {
            var (connection, problem) = ConfiguredConnection.Parse(name, values);
            _byName[name] = connection ?? throw new OptionsValidationException(nameof(ConnectionsOptions), typeof(ConnectionsOptions), [problem!]);
        }

        if (options.Value.DemoWarehouseEnabled && !_byName.ContainsKey(DemoConnectionName))
        {
            var settings = ConnectionSettings.Create(DemoConnectionName, ConnectionType.DuckDb.ToName(),
                [new(ConnectionSettings.PathKey, demo.DatabasePath)]);
            _byName[DemoConnectionName] = new ConfiguredConnection(settings, "The demo warehouse: a small SaaS company's accounts, billing and usage (DuckDB).", null);
        }

        All = _byName.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        Settings = All.Select(c => c.Settings).ToList();
    }

    /// <summary>Every connection, by name.</summary>
    public IReadOnlyList<ConfiguredConnection> All { get; }

    /// <summary>The Engine settings of every connection (what a <c>QueryRequest</c> carries).</summary>
    public IReadOnlyList<ConnectionSettings> Settings { get; }

    public ConfiguredConnection? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The named connection, or NOT_FOUND listing the configured ones.</summary>
    public ConfiguredConnection Get(string name) =>
        Find(name) ?? throw CatalogException.NotFound(
            $"No connection named '{name}'. Configured: {(All.Count == 0 ? "none (add TownLake:Connections:<name>:Type)" : string.Join(", ", All.Select(c => c.Name)))}.");
}
