using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Sampling;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// Samples tables through the query engines and classifies each of their columns. A sample lives only while its table
/// is classified: values are classified in memory and dropped; the result holds categories, detector names and match
/// ratios, never a value.
/// </summary>
public sealed class PiiScanner(TableSampler sampler, ColumnClassifier classifier, IOptions<ScannerOptions> options, TimeProvider clock)
{
    /// <summary>
    /// Scans <c>{connection}.{schema}.{table}</c>. <paramref name="catalogColumns"/> (the catalog's view of the table)
    /// supply descriptions and primary keys as hints; sampled columns the catalog does not know are classified from their
    /// name and values alone. Throws <see cref="QueryException"/> when the table cannot be read.
    /// </summary>
    public async Task<TableScan> ScanTableAsync(ConnectionSettings connection, string schema, string table, IReadOnlyList<SchemaField> catalogColumns, CancellationToken cancellationToken)
    {
        var sample = await sampler.SampleAsync(Request(connection, schema, table), cancellationToken);
        return Classify(connection, schema, table, catalogColumns, sample, cancellationToken);
    }

    /// <summary>
    /// Scans many tables of one connection, reading them through one session of the source where it has one (a DuckDB
    /// file is attached once), and yields each table's scan or error as soon as it is classified.
    /// </summary>
    public async IAsyncEnumerable<TableScanOutcome> ScanTablesAsync(ConnectionSettings connection, IReadOnlyList<TableToScan> tables, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var requests = tables.Select(t => Request(connection, t.Schema, t.Table)).ToList();
        var index = 0;
        await foreach (var outcome in sampler.SampleManyAsync(requests, cancellationToken))
        {
            var table = tables[index++];
            yield return outcome.Sample is { } sample
                ? new TableScanOutcome(table, Classify(connection, table.Schema, table.Table, table.CatalogColumns, sample, cancellationToken), null)
                : new TableScanOutcome(table, null, outcome.Error);
        }
    }

    private SampleRequest Request(ConnectionSettings connection, string schema, string table)
    {
        var settings = options.Value;
        return new SampleRequest(connection, schema, table, settings.SampleRows, settings.TableTimeout, settings.MaxValueLength, settings.MaxSampleBytes);
    }

    private TableScan Classify(ConnectionSettings connection, string schema, string table, IReadOnlyList<SchemaField> catalogColumns, TableSample sample, CancellationToken cancellationToken)
    {
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
