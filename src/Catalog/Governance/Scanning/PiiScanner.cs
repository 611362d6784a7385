using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Engine.Connectors;
using TownLake.Engine.Sampling;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// Samples one table through the query engines and classifies each of its columns. The sample lives only inside
/// <see cref="ScanTableAsync"/>: values are classified in memory and dropped; the result holds categories, detector
/// names and match ratios, never a value.
/// </summary>
public sealed class PiiScanner(TableSampler sampler, ColumnClassifier classifier, IOptions<ScannerOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Scans <c>{connection}.{schema}.{table}</c>. <paramref name="catalogColumns"/> (the catalog's view of the table)
    /// supply descriptions and primary keys as hints; sampled columns the catalog does not know are classified from their
    /// name and values alone. Throws <see cref="Engine.Execution.QueryException"/> when the table cannot be read.
    /// </summary>
    public async Task<TableScan> ScanTableAsync(ConnectionSettings connection, string schema, string table, IReadOnlyList<SchemaField> catalogColumns, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var sample = await sampler.SampleAsync(
            new SampleRequest(connection, schema, table, settings.SampleRows, settings.TableTimeout, settings.MaxValueLength, settings.MaxSampleBytes),
            cancellationToken);
        var known = new Dictionary<string, SchemaField>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in catalogColumns)
        {
            known.TryAdd(column.Name, column);
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var findings = new List<ColumnFinding>(sample.Columns.Count);
        foreach (var column in sample.Columns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            known.TryGetValue(column.Name, out var field);
            var input = new ColumnSample(table, column.Name, field?.NativeType ?? column.Type, field?.Description, column.Values, today)
            {
                IsPrimaryKey = field?.IsPrimaryKey ?? false,
            };
            findings.Add(classifier.Classify(input));
        }

        return new TableScan($"{connection.Name}.{schema}.{table}", findings, sample.Rows, sample.StoppedAtByteBudget, now);
    }
}
