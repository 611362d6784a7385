namespace TownLake.Engine.Profiling;

/// <summary>The family of a column's type, which decides the statistics that apply to it.</summary>
public enum ColumnKind
{
    /// <summary>Integers, decimals and floats: mean, standard deviation, histogram.</summary>
    Number,

    /// <summary>Dates and timestamps: histogram, freshness.</summary>
    Date,

    /// <summary>Timestamps (with or without time zone).</summary>
    Timestamp,

    /// <summary>Text: length statistics.</summary>
    Text,

    /// <summary>Booleans: counts and top values only.</summary>
    Boolean,

    /// <summary>Anything else (lists, structs, blobs, JSON): counts only.</summary>
    Other,
}

/// <summary>Reads a native SQL type (DuckDB, PostgreSQL, Trino spelling) as a <see cref="ColumnKind"/>.</summary>
public static class ColumnKinds
{
    public static ColumnKind Of(string? nativeType)
    {
        var type = (nativeType ?? "").Trim().ToUpperInvariant();
        if (type.Length == 0 || type.EndsWith("[]", StringComparison.Ordinal) || type.StartsWith("STRUCT", StringComparison.Ordinal)
            || type.StartsWith("MAP", StringComparison.Ordinal) || type.StartsWith("LIST", StringComparison.Ordinal) || type.StartsWith("ARRAY", StringComparison.Ordinal)
            || type.StartsWith("UNION", StringComparison.Ordinal))
        {
            return ColumnKind.Other;
        }

        var head = type.Split('(', ' ')[0];
        return head switch
        {
            "TINYINT" or "SMALLINT" or "INTEGER" or "INT" or "BIGINT" or "HUGEINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "UHUGEINT"
                or "INT1" or "INT2" or "INT4" or "INT8" or "SERIAL" or "BIGSERIAL" or "SMALLSERIAL"
                or "DECIMAL" or "NUMERIC" or "REAL" or "FLOAT" or "FLOAT4" or "FLOAT8" or "DOUBLE" => ColumnKind.Number,
            "DATE" => ColumnKind.Date,
            "TIMESTAMP" or "TIMESTAMPTZ" or "DATETIME" or "TIMESTAMP_S" or "TIMESTAMP_MS" or "TIMESTAMP_NS" => ColumnKind.Timestamp,
            "VARCHAR" or "TEXT" or "STRING" or "CHAR" or "CHARACTER" or "BPCHAR" or "NAME" or "CITEXT" or "UUID" or "ENUM" => ColumnKind.Text,
            "BOOLEAN" or "BOOL" => ColumnKind.Boolean,
            _ => ColumnKind.Other,
        };
    }
}
