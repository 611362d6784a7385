namespace TownLake.Engine.Connectors;

/// <summary>Maps connection type names as written in configuration (<c>duckdb</c>, <c>files</c>, <c>postgres</c>, <c>trino</c>) to <see cref="ConnectionType"/>.</summary>
public static class ConnectionTypes
{
    /// <summary>The configuration spellings, in the order they are listed in error messages.</summary>
    public static IReadOnlyList<string> Names { get; } = ["duckdb", "files", "postgres", "trino"];

    /// <summary>Parses a configured type name (case-insensitive); <c>postgresql</c> is accepted for <c>postgres</c>.</summary>
    public static bool TryParse(string? name, out ConnectionType type)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "duckdb":
                type = ConnectionType.DuckDb;
                return true;
            case "files":
                type = ConnectionType.Files;
                return true;
            case "postgres" or "postgresql":
                type = ConnectionType.Postgres;
                return true;
            case "trino":
                type = ConnectionType.Trino;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>Parses a configured type name or throws a <see cref="ConnectionSettingsException"/> listing the valid ones.</summary>
    public static ConnectionType Parse(string? name) =>
        TryParse(name, out var type)
            ? type
            : throw new ConnectionSettingsException(
                $"Unknown connection type '{name}'. Use one of: {string.Join(", ", Names)}.");

    /// <summary>The configuration spelling of a type.</summary>
    public static string ToName(this ConnectionType type) => type switch
    {
        ConnectionType.DuckDb => "duckdb",
        ConnectionType.Files => "files",
        ConnectionType.Postgres => "postgres",
        ConnectionType.Trino => "trino",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
