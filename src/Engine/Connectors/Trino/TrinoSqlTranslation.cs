namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// A statement rewritten from TownLake dataset names to Trino catalog names, with what is needed to report
/// Trino's error positions against the text the user wrote.
/// </summary>
/// <param name="OriginalSql">What the user wrote.</param>
/// <param name="Sql">What is sent to Trino.</param>
/// <param name="Connections">The trino connections the statement names (at least one; all on one coordinator).</param>
/// <param name="Edits">The replacements made, in text order.</param>
public sealed record TrinoSqlTranslation(string OriginalSql, string Sql, IReadOnlyList<TrinoConnection> Connections, IReadOnlyList<TrinoSqlEdit> Edits)
{
    /// <summary>Maps a 1-based line/column of <see cref="Sql"/> to the same place in <see cref="OriginalSql"/>.</summary>
    public (int Line, int Column) ToOriginalPosition(int line, int column)
    {
        var translatedOffset = OffsetOf(Sql, line, column);
        var shift = 0;
        foreach (var edit in Edits)
        {
            var translatedStart = edit.OriginalStart + shift;
            if (translatedOffset < translatedStart)
            {
                break;
            }
            if (translatedOffset < translatedStart + edit.Replacement.Length)
            {
                // Inside a rewritten name: point at the start of the name the user wrote.
                return PositionOf(OriginalSql, edit.OriginalStart);
            }
            shift += edit.Replacement.Length - edit.OriginalLength;
        }
        return PositionOf(OriginalSql, Math.Clamp(translatedOffset - shift, 0, OriginalSql.Length));
    }

    private static int OffsetOf(string text, int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line; current++)
        {
            var newline = text.IndexOf('\n', offset);
            if (newline < 0)
            {
                return text.Length;
            }
            offset = newline + 1;
        }
        return Math.Min(text.Length, offset + Math.Max(0, column - 1));
    }

    private static (int Line, int Column) PositionOf(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }
}

/// <summary>One replacement made while translating: <see cref="OriginalLength"/> characters at <see cref="OriginalStart"/>.</summary>
public sealed record TrinoSqlEdit(int OriginalStart, int OriginalLength, string Replacement);
