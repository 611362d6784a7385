namespace TownLake.Engine.Sql;

/// <summary>What the bound statement reads (its input tables and their columns) and the warnings met on the way.</summary>
internal sealed partial class LineageBinder
{
    /// <summary>Registers a table as an input whose columns are all read (COPY-like statements).</summary>
    public void ReadWholeTable(SqlTableName table, IReadOnlyList<string>? columns)
    {
        AddInput(table);
        if (columns is null)
        {
            Read(table, null);
        }
        else
        {
            foreach (var column in columns)
            {
                Read(table, column);
            }
        }
    }

    private void AddInput(SqlTableName table)
    {
        if (!_inputs.Contains(table))
        {
            _inputs.Add(table);
        }
    }

    private void Read(SqlTableName table, string? column)
    {
        if (!_reads.TryGetValue(table, out var read))
        {
            read = (new HashSet<string>(StringComparer.OrdinalIgnoreCase), false);
        }

        if (column is null)
        {
            read.All = true;
        }
        else
        {
            read.Columns.Add(column);
        }

        _reads[table] = read;
    }

    private void Warn(string message)
    {
        if (_warned.Add(message))
        {
            _diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Warning, message));
        }
    }
}
