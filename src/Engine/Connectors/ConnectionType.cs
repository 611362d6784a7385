namespace TownLake.Engine.Connectors;

/// <summary>The kinds of source a connection can point at.</summary>
public enum ConnectionType
{
    /// <summary>A DuckDB database file (or <c>:memory:</c>).</summary>
    DuckDb,

    /// <summary>A directory of Parquet/CSV files; subdirectories are schemas, Hive-style partition folders one dataset.</summary>
    Files,

    /// <summary>A PostgreSQL database reached through Npgsql.</summary>
    Postgres,

    /// <summary>A Trino cluster reached over its HTTP client protocol.</summary>
    Trino,
}
