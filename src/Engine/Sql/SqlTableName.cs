namespace TownLake.Engine.Sql;

/// <summary>
/// A table (or file path) a statement reads or writes, qualified as far as the statement and the
/// analyzer's default catalog and schema allow. Paths (<c>LOAD DATA INPATH '/x'</c>, <c>read_parquet('x')</c>)
/// carry the path in <see cref="Name"/> and set <see cref="IsPath"/>.
/// </summary>
public sealed record SqlTableName
{
    public SqlTableName(string? catalog, string? schema, string name, bool isPath = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Catalog = string.IsNullOrEmpty(catalog) ? null : catalog;
        Schema = string.IsNullOrEmpty(schema) ? null : schema;
        Name = name;
        IsPath = isPath;
    }

    public string? Catalog { get; }

    public string? Schema { get; }

    public string Name { get; }

    public bool IsPath { get; }

    /// <summary>A file or directory path, named by the path itself.</summary>
    public static SqlTableName Path(string path) => new(null, null, path, isPath: true);

    /// <summary>Parses a dotted name (<c>db.schema.table</c>); no quoting is interpreted.</summary>
    public static SqlTableName Parse(string dottedName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dottedName);
        var parts = dottedName.Split('.');
        return parts.Length switch
        {
            1 => new SqlTableName(null, null, parts[0]),
            2 => new SqlTableName(null, parts[0], parts[1]),
            _ => new SqlTableName(string.Join('.', parts[..^2]), parts[^2], parts[^1]),
        };
    }

    /// <summary>Fills in the catalog and schema the statement left out.</summary>
    public SqlTableName Qualify(string? defaultCatalog, string? defaultSchema)
    {
        if (IsPath)
        {
            return this;
        }

        var schema = Schema ?? defaultSchema;
        var catalog = Catalog ?? (schema is null ? null : defaultCatalog);
        return new SqlTableName(catalog, schema, Name);
    }

    public bool Equals(SqlTableName? other) =>
        other is not null && IsPath == other.IsPath &&
        string.Equals(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());

    public override string ToString() =>
        IsPath ? Name : string.Join('.', new[] { Catalog, Schema, Name }.Where(p => p is not null));
}
