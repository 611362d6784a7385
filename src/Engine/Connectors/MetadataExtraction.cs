namespace TownLake.Engine.Connectors;

/// <summary>
/// Entry point for extraction: validates the connection and hands it to the adapter registered for its type.
/// </summary>
public sealed class MetadataExtraction
{
    private readonly Dictionary<ConnectionType, IMetadataExtractor> _extractors;

    public MetadataExtraction(IEnumerable<IMetadataExtractor> extractors)
    {
        _extractors = [];
        foreach (var extractor in extractors)
        {
            if (!_extractors.TryAdd(extractor.Type, extractor))
            {
                throw new ArgumentException($"Two metadata extractors registered for '{extractor.Type.ToName()}'.", nameof(extractors));
            }
        }
    }

    /// <summary>The connection types that can be extracted.</summary>
    public IReadOnlyCollection<ConnectionType> SupportedTypes => _extractors.Keys;

    /// <summary>Validates <paramref name="connection"/> and extracts it with its type's adapter.</summary>
    public Task<ExtractedCatalog> ExtractAsync(
        ConnectionSettings connection,
        IProgress<ExtractionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        connection.Validate();
        if (!_extractors.TryGetValue(connection.Type, out var extractor))
        {
            throw new ConnectionSettingsException(
                $"Connection '{connection.Name}' has type '{connection.Type.ToName()}', for which no metadata extractor is registered.");
        }

        return extractor.ExtractAsync(connection, progress, cancellationToken);
    }
}
