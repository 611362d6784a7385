using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Hosting;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.Sql;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Demo;

/// <summary>
/// Creates the demo warehouse on a first start: a DuckDB database (<c>demo.duckdb</c> under the data directory,
/// so its catalog name is <c>demo</c>) built from <see cref="DemoWarehouseModel"/>, and its metadata in the catalog.
/// Nothing is committed as binaries; everything is generated from SQL.
/// </summary>
public sealed class DemoWarehouse(DatasetService datasets, IEntityStore store, SqlLineageRecorder lineage, IOptions<TownLakeOptions> options, TimeProvider clock, ILogger<DemoWarehouse> logger)
{
    /// <summary>The identity demo loading is recorded under.</summary>
    public static Caller Loader { get; } = new("townlake-demo", ["admins"], true, true);

    public string DatabasePath => Path.Combine(options.Value.FullDataDirectory, "demo", "demo.duckdb");

    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        var probe = await store.GetAsync<Dataset>(Urn.Dataset(DatasetName.Parse("demo.dim.accounts")), cancellationToken);
        if (probe is not null && File.Exists(DatabasePath))
        {
            return;
        }

        var started = clock.GetTimestamp();
        if (!File.Exists(DatabasePath))
        {
            await BuildDatabaseAsync(cancellationToken);
        }

        await LoadCatalogAsync(cancellationToken);
        logger.LogInformation("Demo warehouse loaded into the catalog in {Elapsed} ({Path})", clock.GetElapsedTime(started), DatabasePath);
    }

    private async Task BuildDatabaseAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        var building = Path.Combine(Path.GetDirectoryName(DatabasePath)!, "demo_building.duckdb");
        File.Delete(building);
        // Built under a temporary name and moved into place, so a crash never leaves half a warehouse behind.
        await using (var connection = new DuckDBConnection($"Data Source={building}"))
        {
            await connection.OpenAsync(cancellationToken);
            var catalog = Path.GetFileNameWithoutExtension(building);
            foreach (var schema in DemoWarehouseModel.Tables.Select(t => t.Schema).Distinct())
            {
                await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}", cancellationToken);
            }

            foreach (var table in DemoWarehouseModel.Tables)
            {
                // The model's SQL names tables as demo.<schema>.<table>; while building, the file's catalog has its temporary name.
                var sql = table.Sql.Replace("demo.", catalog + ".", StringComparison.Ordinal);
                await ExecuteAsync(connection, $"CREATE TABLE {table.Schema}.{table.Table} AS {sql}", cancellationToken);
                await ExecuteAsync(connection, $"COMMENT ON TABLE {table.Schema}.{table.Table} IS '{table.Description.Replace("'", "''")}'", cancellationToken);
                // DuckDB reads COMMENT ON COLUMN's name as table.column only, so the schema is set first.
                await ExecuteAsync(connection, $"USE {catalog}.{table.Schema}", cancellationToken);
                foreach (var (column, doc) in table.Columns.Where(c => c.Value.Description is not null))
                {
                    await ExecuteAsync(connection, $"COMMENT ON COLUMN {table.Table}.{column} IS '{doc.Description!.Replace("'", "''")}'", cancellationToken);
                }
            }

            await ExecuteAsync(connection, "CHECKPOINT", cancellationToken);
        }

        File.Move(building, DatabasePath, overwrite: true);
    }

    private async Task LoadCatalogAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var term in DemoWarehouseModel.Glossary)
        {
            await store.SaveAsync<GlossaryTerm>(Urn.GlossaryTerm(term.Name), existing => existing ?? new GlossaryTerm
            {
                Urn = Urn.GlossaryTerm(term.Name),
                Name = term.Name,
                Definition = term.Definition,
                IsGroup = term.IsGroup,
                Parent = term.Parent,
                Synonyms = term.Synonyms ?? [],
                RelatedTerms = term.RelatedTerms ?? [],
                CreatedAt = now,
                UpdatedAt = now,
            }, Loader.UserName, cancellationToken);
        }

        var columns = await ReadColumnsAsync(cancellationToken);
        var upserts = DemoWarehouseModel.Tables.Select(table => new DatasetUpsert
        {
            Name = table.Name,
            Platform = "duckdb",
            Kind = DatasetKind.Table,
            Description = table.Description,
            Owners = table.Owners,
            Tags = table.Tags,
            GlossaryTerms = table.Terms,
            Domain = table.Domain,
            RowCount = columns[(table.Schema, table.Table)].Rows,
            CustomProperties = table.IsDerived ? [new CustomProperty("build_sql", table.Sql)] : [new CustomProperty("generated_by", "TownLake demo generator")],
            Columns = columns[(table.Schema, table.Table)].Columns.Select(c =>
            {
                table.Columns.TryGetValue(c.Name, out var doc);
                return new ColumnUpsert
                {
                    Name = c.Name,
                    Type = c.Type,
                    Nullable = c.Nullable,
                    Description = doc?.Description,
                    IsPrimaryKey = doc?.PrimaryKey ?? false,
                    ForeignKey = doc?.References is { } reference ? new ForeignKeyRef(reference[..reference.LastIndexOf('.')], reference[(reference.LastIndexOf('.') + 1)..]) : null,
                    Tags = doc?.Tags,
                    GlossaryTerms = doc?.Terms,
                };
            }).ToList(),
        }).ToList();
        await datasets.UpsertManyAsync(upserts, Loader, cancellationToken);

        // The demo's lineage is derived from the SQL that builds each table, down to columns — nothing is hand-written.
        foreach (var table in DemoWarehouseModel.Tables.Where(t => t.IsDerived))
        {
            await lineage.RecordAsync(new SqlDerivation(table.Sql, Urn.Dataset(DatasetName.Parse(table.Name))) { Dialect = Engine.Sql.SqlDialect.DuckDb },
                SqlLineageRecorder.JobNamespace, table.Name, Loader.UserName, cancellationToken);
        }
    }

    private async Task<Dictionary<(string Schema, string Table), (long Rows, List<(string Name, string Type, bool Nullable)> Columns)>> ReadColumnsAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), (long, List<(string, string, bool)>)>();
        await using var connection = new DuckDBConnection($"Data Source={DatabasePath};ACCESS_MODE=READ_ONLY");
        await connection.OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT schema_name, table_name, estimated_size FROM duckdb_tables()";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), []);
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT schema_name, table_name, column_name, data_type, is_nullable FROM duckdb_columns() ORDER BY schema_name, table_name, column_index";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (result.TryGetValue((reader.GetString(0), reader.GetString(1)), out var table))
                {
                    table.Item2.Add((reader.GetString(2), reader.GetString(3), reader.GetBoolean(4)));
                }
            }
        }

        return result;
    }

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
