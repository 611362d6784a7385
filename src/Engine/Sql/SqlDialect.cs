namespace TownLake.Engine.Sql;

/// <summary>The SQL dialect a statement was written in; it decides which rewrites run before parsing.</summary>
public enum SqlDialect
{
    /// <summary>Unknown or mixed; only rewrites that are unambiguous in every dialect run.</summary>
    Generic,
    DuckDb,
    Postgres,
    Trino,
    Hive,
    Spark,
}

/// <summary>Reads dialect hints such as <c>"hive"</c> or <c>"postgresql"</c>.</summary>
public static class SqlDialects
{
    /// <summary>Maps a free-form hint to a dialect; anything unknown is <see cref="SqlDialect.Generic"/>.</summary>
    public static SqlDialect FromHint(string? hint) => hint?.Trim().ToUpperInvariant() switch
    {
        "DUCKDB" => SqlDialect.DuckDb,
        "POSTGRES" or "POSTGRESQL" or "PG" or "REDSHIFT" => SqlDialect.Postgres,
        "TRINO" or "PRESTO" or "ATHENA" => SqlDialect.Trino,
        "HIVE" or "HIVEQL" => SqlDialect.Hive,
        "SPARK" or "SPARKSQL" or "DATABRICKS" => SqlDialect.Spark,
        _ => SqlDialect.Generic,
    };

    internal static bool IsHiveLike(this SqlDialect dialect) => dialect is SqlDialect.Hive or SqlDialect.Spark;
}
