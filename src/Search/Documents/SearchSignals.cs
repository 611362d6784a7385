namespace TownLake.Search.Documents;

/// <summary>Quality and usage signals that move a document up or down the ranking.</summary>
/// <param name="Curated">Certified by its owners; ranked above uncurated copies.</param>
/// <param name="Deprecated">Still searchable, but ranked well below live tables.</param>
/// <param name="Scratch">A personal or temporary copy (e.g. a <c>scratch</c> schema).</param>
/// <param name="Internal">Not meant for general consumption.</param>
/// <param name="QueryCount">How often the dataset was queried recently (popularity).</param>
public sealed record SearchSignals(
    bool Curated = false,
    bool Deprecated = false,
    bool Scratch = false,
    bool Internal = false,
    long QueryCount = 0)
{
    public static SearchSignals None { get; } = new();
}
