namespace TownLake.Engine.Connectors.Trino;

/// <summary>Quoting for SQL that TownLake itself writes to Trino (metadata queries): names and values never go in raw.</summary>
public static class TrinoSql
{
    /// <summary><c>my"cat</c> → <c>"my""cat"</c>.</summary>
    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary><c>O'Brien</c> → <c>'O''Brien'</c>.</summary>
    public static string QuoteString(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
