using System.Data.Common;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// A streaming DuckDB result; owns the per-query database connection and spill directory and removes both when disposed,
/// except a <see cref="DuckDbFileSession"/>'s result (no spill directory given), which leaves them to the session.
/// </summary>
internal sealed class DuckDbQueryResult : IQueryResult
{
    private readonly DuckDBConnection _connection;
    private readonly DuckDBCommand _command;
    private readonly DbDataReader _reader;
    private readonly string? _spill;
    private bool _exhausted;

    public DuckDbQueryResult(DuckDBConnection connection, DuckDBCommand command, DbDataReader reader, string? spill)
    {
        _spill = spill;
        _connection = connection;
        _command = command;
        _reader = reader;
        var columns = Enumerable.Range(0, reader.FieldCount)
            .Select(i => new ResultColumn(reader.GetName(i), TypeName(reader.GetDataTypeName(i))))
            .ToList();
        if (columns.Any(c => c.Type == "DECIMAL"))
        {
            // Only the schema table carries a decimal's precision and scale.
            var schema = reader.GetSchemaTable();
            for (var i = 0; i < columns.Count && schema is not null; i++)
            {
                var row = schema.Rows[i];
                if (columns[i].Type == "DECIMAL" && row["NumericPrecision"] is not DBNull && row["NumericScale"] is not DBNull)
                {
                    columns[i] = columns[i] with { Type = $"DECIMAL({Convert.ToInt32(row["NumericPrecision"])},{Convert.ToInt32(row["NumericScale"])})" };
                }
            }
        }

        Columns = columns;
    }

    public IReadOnlyList<ResultColumn> Columns { get; }

    public async IAsyncEnumerable<object?[]> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // DuckDB interrupts the running statement when the command is cancelled (repeatedly: see DuckDbInterrupter).
        using var interrupter = new DuckDbInterrupter(_command, cancellationToken);
        var width = Columns.Count;
        var count = 0L;
        while (true)
        {
            bool hasRow;
            try
            {
                hasRow = _reader.Read();
            }
            catch (DuckDBException ex)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw DuckDbErrors.ToQueryException(ex);
            }
            catch (OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw;
            }

            if (!hasRow)
            {
                _exhausted = true;
                yield break;
            }

            var row = new object?[width];
            _reader.GetValues(row!);
            for (var i = 0; i < width; i++)
            {
                if (row[i] is DBNull)
                {
                    row[i] = null;
                }
            }

            yield return row;
            if (++count % 65_536 == 0)
            {
                // Reading is synchronous in DuckDB.NET; yield now and then so one long result cannot hog a thread-pool thread.
                await Task.Yield();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exhausted)
        {
            // Closing a streaming reader drains the rest of the result; a reader left early (row cap, byte budget)
            // interrupts the statement instead of computing rows nobody reads.
            _command.Cancel();
        }

        try
        {
            await _reader.DisposeAsync();
        }
        catch (DuckDBException) when (!_exhausted)
        {
            // The interrupt surfaces here; the rows read before it are complete.
        }

        await _command.DisposeAsync();
        if (_spill is not null)
        {
            await _connection.DisposeAsync();
            SpillDirectory.Remove(_spill);
        }
    }

    internal static string TypeName(string duckDbNetName) => duckDbNetName switch
    {
        "UnsignedTinyInt" => "UTINYINT",
        "UnsignedSmallInt" => "USMALLINT",
        "UnsignedInteger" => "UINTEGER",
        "UnsignedBigInt" => "UBIGINT",
        "UnsignedHugeInt" => "UHUGEINT",
        "TimestampS" => "TIMESTAMP_S",
        "TimestampMs" => "TIMESTAMP_MS",
        "TimestampNs" => "TIMESTAMP_NS",
        _ => duckDbNetName.ToUpperInvariant(),
    };
}
