using DuckDB.NET.Data;
using Parquet;

namespace TownLake.Engine.Connectors.Files;

/// <summary>
/// Extracts a directory of Parquet/CSV files (<see cref="FileLayout"/> decides what is one dataset): columns and types
/// as DuckDB reads them (the same reader the query engine uses), row counts and row groups from Parquet footers via
/// Parquet.Net, exact CSV row counts via DuckDB, sizes from the file system.
/// </summary>
public sealed class FileMetadataExtractor : IMetadataExtractor
{
    /// <inheritdoc />
    public ConnectionType Type => ConnectionType.Files;

    /// <inheritdoc />
    public async Task<ExtractedCatalog> ExtractAsync(
        ConnectionSettings connection, IProgress<ExtractionProgress>? progress, CancellationToken cancellationToken)
    {
        connection.Validate();
        var warnings = new List<string>();
        var datasets = FileLayout.Scan(connection.Path!, warnings);
        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        var tables = new List<ExtractedTable>();
        for (var i = 0; i < datasets.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ExtractionProgress("files", i, datasets.Count));
            var dataset = datasets[i];
            try
            {
                tables.Add(await ExtractDatasetAsync(duck, dataset, cancellationToken));
            }
            catch (Exception ex) when (ex is DuckDBException or IOException or InvalidDataException or NotSupportedException)
            {
                warnings.Add($"Skipped {dataset.Schema}.{dataset.Name} ({dataset.Location}): {ex.Message}");
            }
        }

        progress?.Report(new ExtractionProgress("files", datasets.Count, datasets.Count));
        var schemas = datasets.Select(d => d.Schema).Distinct().Order(StringComparer.Ordinal).Select(s => new ExtractedSchema(s)).ToList();
        return new ExtractedCatalog(connection.Name, ConnectionType.Files, schemas, tables, DateTimeOffset.UtcNow, warnings);
    }

    private static async Task<ExtractedTable> ExtractDatasetAsync(DuckDBConnection duck, FileDataset dataset, CancellationToken cancellationToken)
    {
        var columns = new List<ExtractedColumn>();
        using (var command = duck.CreateCommand())
        {
            command.CommandText = $"DESCRIBE SELECT * FROM {dataset.DuckDbReader()}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                columns.Add(new ExtractedColumn(
                    name,
                    columns.Count + 1,
                    reader.GetString(1),
                    reader.IsDBNull(2) || reader.GetString(2) == "YES",
                    IsPartitionKey: dataset.PartitionColumns.Contains(name, StringComparer.OrdinalIgnoreCase)));
            }
        }

        long rows = 0;
        long rowGroups = 0;
        if (dataset.Format == FileLayout.Parquet)
        {
            foreach (var file in dataset.Files)
            {
                // The footer alone gives rows and row groups; no data pages are read.
                await using var stream = File.OpenRead(file);
                await using var parquet = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
                rows += parquet.Metadata?.NumRows ?? 0;
                rowGroups += parquet.RowGroupCount;
            }
        }
        else
        {
            using var command = duck.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {dataset.DuckDbReader()}";
            rows = Convert.ToInt64(command.ExecuteScalar());
        }

        var size = dataset.Files.Sum(f => new FileInfo(f).Length);
        var layout = new ExtractedFileLayout(dataset.Format, dataset.Location, dataset.Glob, dataset.Files.Count, rowGroups, dataset.PartitionColumns);
        return new ExtractedTable(dataset.Schema, dataset.Name, TableKind.Files, columns, RowCount: rows, SizeBytes: size, Files: layout);
    }
}
