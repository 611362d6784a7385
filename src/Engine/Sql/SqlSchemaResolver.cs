namespace TownLake.Engine.Sql;

/// <summary>
/// Looks up the ordered column names of a table (already qualified with the analyzer's defaults);
/// returns null when the table or its columns are unknown. Called once per distinct table before binding.
/// </summary>
public delegate ValueTask<IReadOnlyList<string>?> SqlSchemaResolver(SqlTableName table, CancellationToken cancellationToken);

/// <summary>Ready-made schema resolvers.</summary>
public static class SqlSchemaResolvers
{
    /// <summary>Knows no table; <c>SELECT *</c> stays unexpanded and columns resolve by name only.</summary>
    public static SqlSchemaResolver None { get; } = (_, _) => ValueTask.FromResult<IReadOnlyList<string>?>(null);

    /// <summary>
    /// Resolves from a fixed map keyed by table name. A key matches the full qualified name, or — when the
    /// statement's name is shorter than the key — the key's trailing parts (<c>test.t1</c> answers <c>t1</c>).
    /// </summary>
    public static SqlSchemaResolver FromTables(IReadOnlyDictionary<string, IReadOnlyList<string>> columnsByTable)
    {
        ArgumentNullException.ThrowIfNull(columnsByTable);
        var entries = columnsByTable.ToArray();
        return (table, _) =>
        {
            var wanted = table.ToString();
            foreach (var (key, columns) in entries)
            {
                if (string.Equals(key, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    return ValueTask.FromResult<IReadOnlyList<string>?>(columns);
                }
            }

            if (!table.IsPath)
            {
                var suffixMatches = entries
                    .Where(e => e.Key.EndsWith("." + wanted, StringComparison.OrdinalIgnoreCase))
                    .ToList();
                if (suffixMatches.Count == 1)
                {
                    return ValueTask.FromResult<IReadOnlyList<string>?>(suffixMatches[0].Value);
                }
            }

            return ValueTask.FromResult<IReadOnlyList<string>?>(null);
        };
    }
}
