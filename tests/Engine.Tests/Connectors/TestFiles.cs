using DuckDB.NET.Data;

namespace TownLake.Engine.Tests.Connectors;

/// <summary>A temporary directory for generated DuckDB/Parquet/CSV files, deleted on dispose.</summary>
public sealed class TestFiles : IDisposable
{
    public TestFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "townlake-engine-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Runs statements in a scratch in-memory DuckDB (e.g. <c>COPY (SELECT …) TO 'x.parquet'</c>).</summary>
    public static void DuckDb(params string[] statements)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Writes the rows of <paramref name="select"/> to a Parquet file under the root.</summary>
    public string Parquet(string relative, string select)
    {
        var path = PathOf(relative);
        DuckDb($"COPY ({select}) TO '{path}' (FORMAT parquet)");
        return path;
    }

    /// <summary>Writes the rows of <paramref name="select"/> to a CSV file with a header under the root.</summary>
    public string Csv(string relative, string select)
    {
        var path = PathOf(relative);
        DuckDb($"COPY ({select}) TO '{path}' (FORMAT csv, HEADER)");
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
