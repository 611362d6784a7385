using TownLake.Search.Ranking;

namespace TownLake.Search.Indexing;

/// <summary>Where the index lives and how it refreshes, commits and ranks.</summary>
public sealed record SearchIndexOptions
{
    /// <summary>Directory of the on-disk index; <c>null</c> keeps the index in memory (tests).</summary>
    public string? DirectoryPath { get; init; }

    /// <summary>How often pending writes are made searchable (well under the 1 s promise).</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often pending writes are made durable on disk.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the index must go without writes before its segments are merged down to <see cref="IdleMaxSegments"/>.
    /// Many small writes leave many small segments, and a search pays a fixed cost in every segment.
    /// </summary>
    public TimeSpan IdleMergeDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most segments an idle index is left with: by default what a fresh build leaves (one per core, at least two), so an
    /// index built fresh is never rewritten just because one more write arrived.
    /// </summary>
    public int IdleMaxSegments { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Treat an existing index whose commit records no checkpoint (see <see cref="SearchIndex.Checkpoint"/>) as outdated
    /// and rebuild it: a caller that catches up from a checkpoint cannot trust an index that does not say where it stands.
    /// </summary>
    public bool RequireCheckpoint { get; init; }

    /// <summary>How many top hits the join-aware rerank looks at.</summary>
    public int RerankWindow { get; init; } = 100;

    public RerankWeights Rerank { get; init; } = RerankWeights.Default;

    /// <summary>Quality and popularity multipliers, written into the index with each document.</summary>
    public SignalWeights Signals { get; init; } = SignalWeights.Default;

    /// <summary>Most values returned per facet.</summary>
    public int MaxFacetValues { get; init; } = 20;

    /// <summary>
    /// Share of the index a query word must be in to count as common ("table", "id", "data" in a big catalog); 0 turns
    /// common words off. Common words only rank what the other words match, and a query of common words only needs them
    /// all (Lucene's <c>CommonTermsQuery</c> rule): a word in most documents otherwise makes every search score most of
    /// the index, so its cost grows with the catalog.
    /// </summary>
    public double CommonWordShare { get; init; } = 0.05;

    /// <summary>
    /// Fewest documents a word must be in to count as common, whatever its share: scoring that many matches is cheap,
    /// so a small catalog keeps the exhaustive ranking.
    /// </summary>
    public int CommonWordMinDocs { get; init; } = 10_000;

    /// <summary>
    /// Most matches of a question of only common words whose facet values are counted one by one; above it the facets
    /// count a spread sample of about this many matches, scaled to the exact total, and the results say the counts are
    /// estimates (<see cref="Retrieval.SearchResults.FacetCountsEstimated"/>). The total count stays exact.
    /// </summary>
    public int ExactFacetCountLimit { get; init; } = 100_000;

    /// <summary>
    /// Score every match of a question of only common words instead of stopping at the score ceiling: what the early
    /// stop is checked against (tests, benchmarks); the results are the same.
    /// </summary>
    internal bool ScoreEveryMatch { get; init; }

    /// <summary>Indexing buffer of the live writer, and of each core's writer during a fresh build; larger makes bulk builds faster.</summary>
    public double RamBufferSizeMb { get; init; } = 128;

    internal void Validate()
    {
        if (RefreshInterval <= TimeSpan.Zero || RefreshInterval > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"RefreshInterval must be between 0 and 1 s (writes are promised searchable within 1 s); got {RefreshInterval}.");
        }

        if (CommitInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"CommitInterval must be positive; got {CommitInterval}.");
        }

        if (IdleMergeDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"IdleMergeDelay must be positive; got {IdleMergeDelay}.");
        }

        if (IdleMaxSegments < 1)
        {
            throw new ArgumentException($"IdleMaxSegments must be at least 1; got {IdleMaxSegments}.");
        }

        if (RerankWindow is < 10 or > 10_000)
        {
            throw new ArgumentException($"RerankWindow must be between 10 and 10000; got {RerankWindow}.");
        }

        if (double.IsNaN(CommonWordShare) || CommonWordShare is < 0 or > 1)
        {
            throw new ArgumentException($"CommonWordShare must be between 0 (off) and 1; got {CommonWordShare}.");
        }

        if (CommonWordMinDocs < 1)
        {
            throw new ArgumentException($"CommonWordMinDocs must be at least 1; got {CommonWordMinDocs}.");
        }

        if (ExactFacetCountLimit < 1_000)
        {
            throw new ArgumentException($"ExactFacetCountLimit must be at least 1000; got {ExactFacetCountLimit}.");
        }

        if (MaxFacetValues < 1)
        {
            throw new ArgumentException($"MaxFacetValues must be at least 1; got {MaxFacetValues}.");
        }
    }
}
