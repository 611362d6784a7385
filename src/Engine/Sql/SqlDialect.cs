namespace TownLake.Engine.Sql;

/// <summary>The SQL dialect a statement was written in; it decides how identifiers fold and are quoted, and which rewrites run before parsing.</summary>
public enum SqlDialect
{
    /// <summary>Unknown or mixed; identifiers keep their case and only rewrites that are unambiguous in every dialect run.</summary>
    Generic,
    DuckDb,
    Postgres,
    Trino,
    Hive,
    Spark,
    Snowflake,
    BigQuery,
    Oracle,
    SqlServer,
}

/// <summary>Reads dialect hints such as <c>"hive"</c>, <c>"postgresql"</c>, a dbt adapter type or an OpenLineage namespace (<c>snowflake://acct</c>).</summary>
public static class SqlDialects
{
    /// <summary>
    /// Maps a free-form hint to a dialect: a dialect name (the OpenLineage SQL facet's <c>dialect</c>), a dbt adapter type,
    /// or a namespace URI whose scheme names the engine. Anything unknown is <see cref="SqlDialect.Generic"/>.
    /// </summary>
    public static SqlDialect FromHint(string? hint)
    {
        var text = hint?.Trim() ?? "";
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            text = text[..scheme];
        }

        return text.ToUpperInvariant() switch
        {
            "DUCKDB" => SqlDialect.DuckDb,
            "POSTGRES" or "POSTGRESQL" or "PG" or "REDSHIFT" => SqlDialect.Postgres,
            "TRINO" or "PRESTO" or "ATHENA" or "AWSATHENA" => SqlDialect.Trino,
            "HIVE" or "HIVEQL" => SqlDialect.Hive,
            "SPARK" or "SPARKSQL" or "DATABRICKS" => SqlDialect.Spark,
            "SNOWFLAKE" => SqlDialect.Snowflake,
            "BIGQUERY" => SqlDialect.BigQuery,
            "ORACLE" => SqlDialect.Oracle,
            "SQLSERVER" or "MSSQL" or "TSQL" or "SYNAPSE" or "FABRIC" => SqlDialect.SqlServer,
            _ => SqlDialect.Generic,
        };
    }

    /// <summary>
    /// How the dialect reads identifiers: Hive, Spark, Trino and PostgreSQL fold unquoted names to lower case, Snowflake
    /// and Oracle to upper case; DuckDB, BigQuery and SQL Server keep the case as written (and compare without it).
    /// Quoted identifiers keep their case everywhere.
    /// </summary>
    public static IdentifierCase FoldingOf(SqlDialect dialect) => dialect switch
    {
        SqlDialect.Hive or SqlDialect.Spark or SqlDialect.Trino or SqlDialect.Postgres => IdentifierCase.Lower,
        SqlDialect.Snowflake or SqlDialect.Oracle => IdentifierCase.Upper,
        _ => IdentifierCase.AsWritten,
    };

    /// <summary>Folds one unquoted identifier the way <paramref name="dialect"/> stores it.</summary>
    public static string Fold(this SqlDialect dialect, string identifier) => FoldingOf(dialect) switch
    {
        IdentifierCase.Lower => identifier.ToLowerInvariant(),
        IdentifierCase.Upper => identifier.ToUpperInvariant(),
        _ => identifier,
    };

    internal static bool IsHiveLike(this SqlDialect dialect) => dialect is SqlDialect.Hive or SqlDialect.Spark;

    /// <summary><c>"text"</c> is a string literal (Hive, Spark, BigQuery), not a quoted identifier.</summary>
    internal static bool DoubleQuotesStrings(this SqlDialect dialect) => dialect.IsHiveLike() || dialect == SqlDialect.BigQuery;

    /// <summary>A backslash escapes the next character inside string literals.</summary>
    internal static bool BackslashEscapes(this SqlDialect dialect) =>
        dialect.IsHiveLike() || dialect is SqlDialect.BigQuery or SqlDialect.Snowflake;

    /// <summary><c>[name]</c> quotes an identifier (SQL Server); elsewhere a bracket opens a list or a subscript.</summary>
    internal static bool BracketQuotes(this SqlDialect dialect) => dialect == SqlDialect.SqlServer;

    /// <summary>What an unnamed select expression is called in the result (<c>SELECT a, upper(b)</c>'s second column).</summary>
    internal static string UnnamedColumn(this SqlDialect dialect, int index, int anonymousIndex, string? functionName) => dialect switch
    {
        SqlDialect.Hive or SqlDialect.Spark => $"_c{index}",
        SqlDialect.Trino => $"_col{index}",
        SqlDialect.BigQuery => $"f{anonymousIndex}_",
        _ => functionName is { Length: > 0 } ? functionName : $"_c{index}",
    };
}

/// <summary>How a dialect stores an unquoted identifier.</summary>
public enum IdentifierCase
{
    /// <summary>As written; names compare without regard to case.</summary>
    AsWritten,
    Lower,
    Upper,
}
