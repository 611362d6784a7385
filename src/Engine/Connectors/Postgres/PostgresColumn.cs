namespace TownLake.Engine.Connectors.Postgres;

/// <summary>How one PostgreSQL column travels into DuckDB: read as <see cref="Kind"/>, stored as <see cref="DuckDbType"/>.</summary>
/// <param name="Name">Column name in PostgreSQL.</param>
/// <param name="Kind">The CLR shape it is read and appended as.</param>
/// <param name="DuckDbType">Column type of the DuckDB table.</param>
/// <param name="SelectExpression">Expression in the PostgreSQL SELECT (a cast to text or float8 where DuckDB has no equivalent).</param>
internal sealed record PostgresColumn(string Name, PostgresValueKind Kind, string DuckDbType, string SelectExpression)
{
    /// <summary>Maps a PostgreSQL type (pg_type.typname, typmod-derived precision/scale, typtype) to its DuckDB counterpart.</summary>
    public static PostgresColumn From(string name, string typeName, int? precision, int? scale, char typeKind)
    {
        var quoted = PostgresSql.Quote(name);
        PostgresColumn Of(PostgresValueKind kind, string duckType) => new(name, kind, duckType, quoted);
        PostgresColumn AsText() => new(name, PostgresValueKind.Text, "VARCHAR", quoted + "::text");
        if (typeKind == 'e')
        {
            return AsText();
        }

        return typeName switch
        {
            "int2" => Of(PostgresValueKind.Int16, "SMALLINT"),
            "int4" => Of(PostgresValueKind.Int32, "INTEGER"),
            "int8" => Of(PostgresValueKind.Int64, "BIGINT"),
            "oid" => new(name, PostgresValueKind.Int64, "BIGINT", quoted + "::int8"),
            "float4" => Of(PostgresValueKind.Float32, "FLOAT"),
            "float8" => Of(PostgresValueKind.Float64, "DOUBLE"),
            // .NET decimal holds 28 digits; wider or unconstrained numerics travel as DOUBLE.
            "numeric" when precision is > 0 and <= 28 => Of(PostgresValueKind.Decimal, $"DECIMAL({precision},{scale ?? 0})"),
            "numeric" => new(name, PostgresValueKind.Float64, "DOUBLE", quoted + "::float8"),
            "bool" => Of(PostgresValueKind.Boolean, "BOOLEAN"),
            "text" or "varchar" or "bpchar" or "name" or "citext" or "char" => Of(PostgresValueKind.Text, "VARCHAR"),
            "date" => Of(PostgresValueKind.Date, "DATE"),
            "timestamp" => Of(PostgresValueKind.Timestamp, "TIMESTAMP"),
            "timestamptz" => Of(PostgresValueKind.TimestampTz, "TIMESTAMPTZ"),
            "time" => Of(PostgresValueKind.Time, "TIME"),
            "uuid" => Of(PostgresValueKind.Uuid, "UUID"),
            "bytea" => Of(PostgresValueKind.Bytes, "BLOB"),
            _ => AsText(),
        };
    }
}

/// <summary>CLR shapes used to move PostgreSQL values into the DuckDB appender without boxing.</summary>
internal enum PostgresValueKind
{
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Decimal,
    Boolean,
    Text,
    Date,
    Timestamp,
    TimestampTz,
    Time,
    Uuid,
    Bytes,
}
