namespace TownLake.SearchBench;

/// <summary>Finds the repository root (the folder holding TownLake.sln) so data paths work from any working directory.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "TownLake.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Could not find TownLake.sln above the working directory or the program; run from inside the repository.");
    }

    /// <summary>Resolves a path given relative to the repository root (absolute paths pass through).</summary>
    public static string FromRoot(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Root(), path));
}
