namespace TownLake.Engine.Connectors.Postgres;

/// <summary>Identifier quoting shared by the PostgreSQL and DuckDB statements the engine writes (both use double quotes).</summary>
internal static class PostgresSql
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
