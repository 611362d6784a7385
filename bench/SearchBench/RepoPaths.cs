namespace TownLake.SearchBench;

/// <summary>Paths given relative to the repository root (found by <see cref="TownLake.Bench.RunProvenance"/>), so data paths work from any working directory.</summary>
internal static class RepoPaths
{
    public static string Root() => TownLake.Bench.RunProvenance.RepositoryRoot();

    /// <summary>Resolves a path given relative to the repository root (absolute paths pass through).</summary>
    public static string FromRoot(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Root(), path));
}
