namespace TownLake.Engine.Connectors;

/// <summary>Everything one extraction found in one connection.</summary>
/// <param name="ConnectionName">The connection; first part of every dataset name.</param>
/// <param name="Type">The connection type.</param>
/// <param name="Schemas">Schemas, sorted by name.</param>
/// <param name="Tables">Datasets, sorted by schema then name.</param>
/// <param name="ExtractedAt">When the extraction finished.</param>
/// <param name="Warnings">Objects that could not be read (e.g. an unreadable file), each with the reason; the rest is still returned.</param>
public sealed record ExtractedCatalog(
    string ConnectionName,
    ConnectionType Type,
    IReadOnlyList<ExtractedSchema> Schemas,
    IReadOnlyList<ExtractedTable> Tables,
    DateTimeOffset ExtractedAt,
    IReadOnlyList<string> Warnings);
