namespace TownLake.Engine.Execution;

/// <summary>
/// Which functions a statement may call. Table functions are an allow-list: anything that is not a plain row
/// generator could read a file, another database or a nested query (<c>query('…')</c>, <c>query_table</c>,
/// <c>read_blob</c>, <c>glob</c>) past the analysis, the audit and the access check, or show server internals
/// (<c>duckdb_settings()</c>, <c>duckdb_databases()</c>). A few scalar functions that reveal server configuration
/// are refused as well. Datasets are read by their catalog names only.
/// </summary>
public static class TableFunctionPolicy
{
    /// <summary>Table functions a statement may call: row generators that touch nothing outside the statement.</summary>
    public static IReadOnlySet<string> AllowedTableFunctions { get; } =
        new HashSet<string>(["range", "generate_series", "unnest"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Scalar functions refused because they reveal the server's configuration (paths, environment).</summary>
    public static IReadOnlySet<string> RefusedScalarFunctions { get; } =
        new HashSet<string>(["current_setting", "getenv"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Throws <see cref="QueryException"/> (<see cref="QueryErrorKind.FunctionNotAllowed"/>) naming the first table
    /// function not on the allow-list, or the first refused scalar function.
    /// </summary>
    /// <param name="tableFunctions">Names of the table functions the statement calls (in FROM), unqualified.</param>
    /// <param name="functions">Names of every function the statement calls.</param>
    public static void Check(IEnumerable<string> tableFunctions, IEnumerable<string> functions)
    {
        var table = tableFunctions.FirstOrDefault(f => !AllowedTableFunctions.Contains(f));
        if (table is not null)
        {
            throw new QueryException(QueryErrorKind.FunctionNotAllowed,
                $"The table function '{Shorten(table)}' is not allowed: read datasets by their catalog names (connection.schema.table); " +
                $"the table functions allowed are {string.Join(", ", AllowedTableFunctions.Order(StringComparer.Ordinal))}.");
        }

        var scalar = functions.FirstOrDefault(RefusedScalarFunctions.Contains);
        if (scalar is not null)
        {
            throw new QueryException(QueryErrorKind.FunctionNotAllowed,
                $"The function '{scalar}' is not allowed: it shows the server's configuration.");
        }
    }

    private static string Shorten(string name) => name.Length <= 100 ? name : name[..100] + "…";
}
