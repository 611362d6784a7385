namespace TownLake.Engine.Execution;

/// <summary>
/// What one query may see, decided by the front before it runs: the datasets it may read (by
/// <c>connection.schema.table</c>, any case), and of each the columns that exist for it, some of them masked. An
/// engine that honours it reads every table through a per-query view with exactly those columns, so <c>*</c>,
/// <c>t.*</c>, <c>USING</c>, set operations and CTEs cannot reach anything else; a table not listed is refused.
/// </summary>
/// <param name="Tables">The readable datasets, keyed by three-part name (case-insensitive).</param>
/// <param name="MaskKey">The secret a masked value is hashed with (same value, same mask, so joins and <c>count(distinct)</c> keep meaning).</param>
public sealed record QueryVisibility(IReadOnlyDictionary<string, TableVisibility> Tables, string MaskKey)
{
    /// <summary>The prefix of every masked value, so a reader knows a value was redacted.</summary>
    public const string MaskPrefix = "redacted:";

    /// <summary>The visibility of a dataset, or null when the query may not read it.</summary>
    public TableVisibility? Find(string connection, string schema, string table) =>
        Tables.GetValueOrDefault($"{connection}.{schema}.{table}");
}

/// <summary>The columns of one dataset that exist for a query, in order.</summary>
public sealed record TableVisibility(IReadOnlyList<VisibleColumn> Columns);

/// <summary>A column a query may see; <paramref name="Masked"/> ones come back as a keyed hash (NULL stays NULL).</summary>
public sealed record VisibleColumn(string Name, bool Masked);
