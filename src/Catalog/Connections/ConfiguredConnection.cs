using System.Globalization;
using TownLake.Engine.Connectors;

namespace TownLake.Catalog.Connections;

/// <summary>
/// One source the catalog knows: the Engine's settings (what extractors and query engines read), plus what only the
/// catalog uses: a description for people and how often to re-ingest it.
/// </summary>
public sealed record ConfiguredConnection(ConnectionSettings Settings, string? Description, TimeSpan? RefreshInterval)
{
    /// <summary>Keys that belong to the catalog and are not handed to the Engine's adapters.</summary>
    public const string TypeKey = "Type";

    /// <summary>A sentence for people browsing connections.</summary>
    public const string DescriptionKey = "Description";

    /// <summary>How often to re-ingest (a TimeSpan such as <c>00:30:00</c>); absent means only on demand.</summary>
    public const string RefreshIntervalKey = "RefreshInterval";

    public string Name => Settings.Name;

    public ConnectionType Type => Settings.Type;

    /// <summary>
    /// Reads one configured connection. Returns the connection, or the first problem as one sentence naming the
    /// setting (<c>TownLake:Connections:shop:Type</c>) and what it accepts.
    /// </summary>
    public static (ConfiguredConnection? Connection, string? Problem) Parse(string name, IReadOnlyDictionary<string, string> values)
    {
        var prefix = $"TownLake:Connections:{name}";
        var keys = new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
        if (!keys.TryGetValue(TypeKey, out var typeName) || string.IsNullOrWhiteSpace(typeName))
        {
            return (null, $"{prefix}:{TypeKey} is missing; use one of: {string.Join(", ", ConnectionTypes.Names)}.");
        }

        if (!ConnectionTypes.TryParse(typeName, out _))
        {
            return (null, $"{prefix}:{TypeKey} is '{typeName}'; use one of: {string.Join(", ", ConnectionTypes.Names)}.");
        }

        TimeSpan? refresh = null;
        if (keys.TryGetValue(RefreshIntervalKey, out var refreshText) && !string.IsNullOrWhiteSpace(refreshText))
        {
            if (!TimeSpan.TryParse(refreshText, CultureInfo.InvariantCulture, out var parsed) || parsed < TimeSpan.FromSeconds(1))
            {
                return (null, $"{prefix}:{RefreshIntervalKey} is '{refreshText}'; use a duration of at least one second such as '00:30:00' (30 minutes) or '1.00:00:00' (a day).");
            }

            refresh = parsed;
        }

        var engineOptions = keys
            .Where(k => !k.Key.Equals(TypeKey, StringComparison.OrdinalIgnoreCase)
                && !k.Key.Equals(DescriptionKey, StringComparison.OrdinalIgnoreCase)
                && !k.Key.Equals(RefreshIntervalKey, StringComparison.OrdinalIgnoreCase));
        var settings = ConnectionSettings.Create(name, typeName, engineOptions);
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            return (null, $"{prefix}: {string.Join(" ", problems)}");
        }

        keys.TryGetValue(DescriptionKey, out var description);
        return (new ConfiguredConnection(settings, string.IsNullOrWhiteSpace(description) ? null : description.Trim(), refresh), null);
    }
}
