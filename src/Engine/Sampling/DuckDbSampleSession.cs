using DuckDB.NET.Data;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Connectors.Postgres;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Sampling;

/// <summary>
/// Samples many tables of one DuckDB file through a single embedded DuckDB: the file is ATTACHed READ_ONLY once (its
/// catalog read once), external access is locked off, and each table is read with <c>SELECT * … LIMIT n</c>. Opening a
/// database and attaching the file per table cost more than reading a thousand rows, and grew with the file's table
/// count, so a scanner visiting every table of a large file spent most of its time there.
/// </summary>
internal sealed class DuckDbSampleSession : IDisposable
{
    private const string Catalog = "tl_sample";
    private readonly DuckDBConnection _duck;

    private DuckDbSampleSession(DuckDBConnection duck) => _duck = duck;

    /// <summary>Opens the session; throws <see cref="QueryException"/> (SourceUnavailable) when the file cannot be attached.</summary>
    public static DuckDbSampleSession Open(ConnectionSettings connection)
    {
        var path = connection.Path ?? throw new QueryException(QueryErrorKind.SourceUnavailable, $"Connection '{connection.Name}' names no DuckDB file.");
        if (path != ":memory:" && !File.Exists(path))
        {
            throw new QueryException(QueryErrorKind.SourceUnavailable, $"Connection '{connection.Name}': the DuckDB file '{path}' does not exist.");
        }

        var duck = new DuckDBConnection("DataSource=:memory:");
        try
        {
            duck.Open();
            Execute(duck, $"ATTACH {PostgresSql.Literal(path)} AS {Catalog} (READ_ONLY)");
            // Nothing but the attached file is readable from here on, and nothing can change that.
            Execute(duck, "SET enable_external_access = false; SET lock_configuration = true;");
            return new DuckDbSampleSession(duck);
        }
        catch (DuckDBException ex)
        {
            duck.Dispose();
            throw DuckDbErrors.ToQueryException(ex);
        }
        catch
        {
            duck.Dispose();
            throw;
        }
    }

    /// <summary>Reads one table's sample; throws <see cref="QueryException"/> when it cannot (unknown table, timeout).</summary>
    public async Task<TableSample> SampleAsync(SampleRequest request, CancellationToken cancellationToken)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = $"SELECT * FROM {Catalog}.{PostgresSql.Quote(request.Schema)}.{PostgresSql.Quote(request.Table)} LIMIT {request.Rows}";
        command.UseStreamingMode = true;
        using var interrupter = new DuckDbInterrupter(command, cancellationToken);
        System.Data.Common.DbDataReader reader;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            reader = command.ExecuteReader();
        }
        catch (DuckDBException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw DuckDbErrors.ToQueryException(ex);
        }

        var exhausted = false;
        try
        {
            var columns = Enumerable.Range(0, reader.FieldCount)
                .Select(i => new ResultColumn(reader.GetName(i), DuckDbQueryResult.TypeName(reader.GetDataTypeName(i))))
                .ToList();
            var sample = await TableSampler.CollectAsync(columns, Rows(reader, columns.Count, () => exhausted = true, cancellationToken), request, cancellationToken);
            return sample;
        }
        finally
        {
            if (!exhausted)
            {
                // Stopped early (row cap, byte budget, cancel): interrupt rather than compute rows nobody reads.
                command.Cancel();
            }

            try
            {
                await reader.DisposeAsync();
            }
            catch (DuckDBException) when (!exhausted)
            {
                // The interrupt surfaces here; the rows read before it are complete.
            }
        }
    }

    public void Dispose() => _duck.Dispose();

    private static async IAsyncEnumerable<object?[]> Rows(System.Data.Common.DbDataReader reader, int width, Action exhausted, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var count = 1L; ; count++)
        {
            bool hasRow;
            try
            {
                hasRow = reader.Read();
            }
            catch (DuckDBException ex)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw DuckDbErrors.ToQueryException(ex);
            }

            if (!hasRow)
            {
                exhausted();
                yield break;
            }

            var row = new object?[width];
            reader.GetValues(row!);
            for (var i = 0; i < width; i++)
            {
                if (row[i] is DBNull)
                {
                    row[i] = null;
                }
            }

            yield return row;
            if (count % 4_096 == 0)
            {
                // Reading is synchronous in DuckDB.NET; yield now and then so a long read cannot hog a thread-pool thread.
                await Task.Yield();
            }
        }
    }

    private static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
