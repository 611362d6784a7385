using System.Text;
using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Sql;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// Prepares a user's statement for Trino: checks it is one read-only statement, and rewrites the first part of every
/// three-part name that names a TownLake trino connection (<c>lake.sales.orders</c>) to that connection's Trino catalog
/// (<c>"postgresql".sales.orders</c>). Works on tokens, so names inside strings and comments are left alone.
/// </summary>
public static class TrinoSqlTranslator
{
    private static readonly string[] ReadOnlyLeadingWords = ["SELECT", "WITH", "VALUES", "TABLE", "SHOW", "DESCRIBE", "EXPLAIN"];

    /// <summary>
    /// Checks and rewrites <paramref name="sql"/>; throws <see cref="QueryException"/> (NotReadOnly, InvalidRequest)
    /// with the position of the offending token.
    /// </summary>
    public static TrinoSqlTranslation Translate(string sql, IReadOnlyList<ConnectionSettings> connections)
    {
        var significant = new SqlTokenCursor(SqlTokenizer.Tokenize(sql, SqlDialect.Trino)).Significant.ToList();
        var edits = new List<TrinoSqlEdit>();

        // Trino takes one statement and refuses a trailing semicolon; drop it (and only it).
        if (significant.Count > 0 && significant[^1].IsSymbol(";"))
        {
            edits.Add(new TrinoSqlEdit(significant[^1].Start, 1, string.Empty));
            significant.RemoveAt(significant.Count - 1);
        }
        if (significant.Count == 0)
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, "The statement is empty.");
        }
        if (significant.FirstOrDefault(t => t.IsSymbol(";")) is { } separator)
        {
            throw new QueryException(new QueryError(
                QueryErrorKind.InvalidRequest, "Send one statement at a time; this text holds several.", LineOf(sql, separator.Start), ColumnOf(sql, separator.Start)));
        }
        EnsureReadOnly(sql, significant);

        var byName = connections.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var used = new Dictionary<string, TrinoConnection>(StringComparer.Ordinal);
        for (var i = 0; i + 4 < significant.Count; i++)
        {
            var first = significant[i];
            var startsChain = first.IsIdentifier && (i == 0 || !significant[i - 1].IsSymbol("."));
            var isThreePart = significant[i + 1].IsSymbol(".") && significant[i + 2].IsIdentifier
                && significant[i + 3].IsSymbol(".") && significant[i + 4].IsIdentifier;
            if (!startsChain || !isThreePart || !TryFindConnection(byName, first, out var settings))
            {
                continue;
            }
            if (settings.Type != ConnectionType.Trino)
            {
                throw new QueryException(new QueryError(
                    QueryErrorKind.InvalidRequest,
                    $"'{first.IdentifierValue}' is a {settings.Type.ToName()} connection; the trino engine reads only trino connections.",
                    LineOf(sql, first.Start), ColumnOf(sql, first.Start)));
            }
            var connection = Resolve(settings);
            used.TryAdd(connection.Name, connection);
            var replacement = TrinoSql.QuoteIdentifier(connection.Catalog);
            if (first.Text != replacement && !(first.Kind == SqlTokenKind.Word && first.Text.Equals(connection.Catalog, StringComparison.OrdinalIgnoreCase)))
            {
                edits.Add(new TrinoSqlEdit(first.Start, first.Text.Length, replacement));
            }
        }

        var chosen = used.Count > 0 ? used.Values.ToList() : [DefaultConnection(connections)];
        if (chosen.Select(c => c.ServerUri.AbsoluteUri.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
        {
            throw new QueryException(
                QueryErrorKind.InvalidRequest,
                $"The statement names connections on different Trino clusters ({string.Join(", ", chosen.Select(c => $"{c.Name} at {c.ServerUri}"))}); one statement runs on one cluster.");
        }
        edits.Sort((a, b) => a.OriginalStart.CompareTo(b.OriginalStart));
        return new TrinoSqlTranslation(sql, Apply(sql, edits), chosen, edits);
    }

    private static void EnsureReadOnly(string sql, List<SqlToken> significant)
    {
        var index = 0;
        while (index < significant.Count && significant[index].IsSymbol("("))
        {
            index++;
        }
        // EXPLAIN [(options)] runs nothing, but EXPLAIN ANALYZE executes the statement it wraps: check that one too.
        while (index < significant.Count && significant[index].IsWord("EXPLAIN"))
        {
            index++;
            if (index < significant.Count && significant[index].IsWord("ANALYZE"))
            {
                index++;
                if (index < significant.Count && significant[index].IsWord("VERBOSE"))
                {
                    index++;
                }
            }
            else if (index < significant.Count && significant[index].IsSymbol("("))
            {
                index = SqlTokenCursor.Close(significant, index) + 1;
            }
        }
        var leading = index < significant.Count ? significant[index] : significant[^1];
        if (!ReadOnlyLeadingWords.Any(leading.IsWord))
        {
            throw new QueryException(new QueryError(
                QueryErrorKind.NotReadOnly,
                $"Only read-only statements run here (SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, EXPLAIN); this one starts with '{leading.Text}'.",
                LineOf(sql, leading.Start), ColumnOf(sql, leading.Start)));
        }
        // Pass-through table functions (catalog.system.query / raw_query) run arbitrary SQL inside the source database.
        for (var i = 2; i + 1 < significant.Count; i++)
        {
            if ((significant[i].IsWord("query") || significant[i].IsWord("raw_query"))
                && significant[i + 1].IsSymbol("(") && significant[i - 1].IsSymbol(".") && significant[i - 2].IsWord("system"))
            {
                throw new QueryException(new QueryError(
                    QueryErrorKind.NotReadOnly,
                    "Pass-through table functions (system.query, system.raw_query) are refused: they run arbitrary SQL in the source.",
                    LineOf(sql, significant[i].Start), ColumnOf(sql, significant[i].Start)));
            }
        }
    }

    private static bool TryFindConnection(Dictionary<string, ConnectionSettings> byName, SqlToken token, out ConnectionSettings settings)
    {
        // Unquoted names fold case in Trino; a quoted name must match exactly.
        if (byName.TryGetValue(token.IdentifierValue, out settings!)
            && (token.Kind == SqlTokenKind.Word || settings.Name == token.IdentifierValue))
        {
            return true;
        }
        settings = null!;
        return false;
    }

    private static TrinoConnection DefaultConnection(IReadOnlyList<ConnectionSettings> connections)
    {
        var trino = connections.Where(c => c.Type == ConnectionType.Trino).ToList();
        return trino.Count switch
        {
            1 => Resolve(trino[0]),
            0 => throw new QueryException(QueryErrorKind.InvalidRequest, "No trino connection is configured, so the trino engine has nowhere to run."),
            _ => throw new QueryException(
                QueryErrorKind.InvalidRequest,
                $"The statement names no dataset of a trino connection, and there are several ({string.Join(", ", trino.Select(c => c.Name))}); name one, e.g. {trino[0].Name}.schema.table."),
        };
    }

    private static TrinoConnection Resolve(ConnectionSettings settings)
    {
        try
        {
            return TrinoConnection.From(settings);
        }
        catch (ConnectionSettingsException e)
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, e.Message, e);
        }
    }

    private static string Apply(string sql, List<TrinoSqlEdit> edits)
    {
        var builder = new StringBuilder(sql.Length + 16);
        var position = 0;
        foreach (var edit in edits)
        {
            builder.Append(sql, position, edit.OriginalStart - position).Append(edit.Replacement);
            position = edit.OriginalStart + edit.OriginalLength;
        }
        return builder.Append(sql, position, sql.Length - position).ToString();
    }

    private static int LineOf(string sql, int offset) => SqlPosition.FromOffset(sql, offset).Line;

    private static int ColumnOf(string sql, int offset) => SqlPosition.FromOffset(sql, offset).Column;
}
