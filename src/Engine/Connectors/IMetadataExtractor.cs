namespace TownLake.Engine.Connectors;

/// <summary>
/// Reads the metadata of one type of source. One adapter per <see cref="ConnectionType"/>;
/// <see cref="MetadataExtraction"/> picks the adapter for a connection.
/// </summary>
public interface IMetadataExtractor
{
    /// <summary>The connection type this adapter reads.</summary>
    ConnectionType Type { get; }

    /// <summary>
    /// Extracts schemas, tables, views, columns, keys and statistics of the source.
    /// Throws <see cref="ConnectionSettingsException"/> for bad settings and
    /// <see cref="MetadataExtractionException"/> when the source cannot be read.
    /// </summary>
    Task<ExtractedCatalog> ExtractAsync(
        ConnectionSettings connection,
        IProgress<ExtractionProgress>? progress,
        CancellationToken cancellationToken);
}
