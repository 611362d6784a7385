namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>Resource bounds of the per-query DuckDB databases opened by <see cref="DuckDbFederatedEngine"/>.</summary>
public sealed class DuckDbEngineOptions
{
    /// <summary>DuckDB <c>memory_limit</c> of each query (e.g. <c>2GB</c>); null keeps DuckDB's default (80% of RAM), which concurrent queries would each claim.</summary>
    public string? MemoryLimit { get; set; } = "2GB";

    /// <summary>DuckDB <c>threads</c> of each query; null keeps DuckDB's default (all cores).</summary>
    public int? Threads { get; set; }

    /// <summary>
    /// Directory under which each query gets its own private spill directory (DuckDB <c>temp_directory</c>), removed
    /// when the query ends; null uses <c>townlake-duckdb-spill</c> in the system temp directory.
    /// </summary>
    public string? SpillRoot { get; set; }

    /// <summary>DuckDB <c>max_temp_directory_size</c> of each query (e.g. <c>4GB</c>): spilling beyond it fails the query.</summary>
    public string MaxSpillSize { get; set; } = "4GB";
}
