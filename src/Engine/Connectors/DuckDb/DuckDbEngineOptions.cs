namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>Resource bounds of the per-query DuckDB databases opened by <see cref="DuckDbFederatedEngine"/>.</summary>
public sealed class DuckDbEngineOptions
{
    /// <summary>DuckDB <c>memory_limit</c> of each query (e.g. <c>2GB</c>); null keeps DuckDB's default (80% of RAM), which concurrent queries would each claim.</summary>
    public string? MemoryLimit { get; set; } = "2GB";

    /// <summary>DuckDB <c>threads</c> of each query; null keeps DuckDB's default (all cores).</summary>
    public int? Threads { get; set; }
}
