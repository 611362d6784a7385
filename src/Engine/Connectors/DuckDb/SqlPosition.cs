namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>Converts between character offsets in a SQL text and 1-based line/column positions.</summary>
internal static class SqlPosition
{
    public static (int Line, int Column) FromOffset(string sql, int offset)
    {
        offset = Math.Clamp(offset, 0, sql.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (sql[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }
}
