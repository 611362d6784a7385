using System.Diagnostics;
using System.Text;
using Npgsql;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.Postgres;
using TownLake.TestSupport;

namespace TownLake.QueryBench;

/// <summary>(a) Extracts a PostgreSQL database of many wide tables from a throwaway cluster.</summary>
internal static class IngestionBenchmark
{
    public sealed record Result(int Tables, int ColumnsPerTable, TimeSpan Setup, TimeSpan Extraction, int ExtractedTables, int ExtractedColumns, int ForeignKeys);

    public static async Task<Result> RunAsync(PostgresServer server, int tables, int columnsPerTable, CancellationToken cancellationToken)
    {
        var connectionString = await server.CreateDatabaseAsync("bench", cancellationToken);
        var setup = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            const int perBatch = 100;
            for (var start = 0; start < tables; start += perBatch)
            {
                var sql = new StringBuilder();
                for (var t = start; t < Math.Min(tables, start + perBatch); t++)
                {
                    var schema = $"s{t % 10}";
                    if (t < 10)
                    {
                        sql.Append($"CREATE SCHEMA {schema};");
                    }

                    sql.Append($"CREATE TABLE {schema}.t{t} (id bigint PRIMARY KEY");
                    // Every table after the first ten points at one of them, so foreign keys are part of the load.
                    sql.Append(t >= 10 ? $", parent_id bigint REFERENCES s{t % 10}.t{t % 10}(id)" : ", parent_id bigint");
                    for (var c = 2; c < columnsPerTable; c++)
                    {
                        sql.Append($", c{c} {(c % 3 == 0 ? "text" : c % 3 == 1 ? "numeric(12,2)" : "timestamptz")}");
                    }

                    sql.Append($");COMMENT ON TABLE {schema}.t{t} IS 'benchmark table {t}';");
                }

                await using var command = new NpgsqlCommand(sql.ToString(), connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        setup.Stop();
        var settings = ConnectionSettings.Create("bench", "postgres", [new("ConnectionString", connectionString)]);
        var extraction = Stopwatch.StartNew();
        var catalog = await new PostgresMetadataExtractor().ExtractAsync(settings, null, cancellationToken);
        extraction.Stop();
        return new Result(tables, columnsPerTable, setup.Elapsed, extraction.Elapsed,
            catalog.Tables.Count, catalog.Tables.Sum(t => t.Columns.Count), catalog.Tables.Sum(t => t.ForeignKeys.Count));
    }
}
