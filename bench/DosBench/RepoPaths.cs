namespace TownLake.DosBench;

/// <summary>Finds the repository root (the folder holding TownLake.sln) so paths work from any working directory.</summary>
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

    /// <summary>The built service: Release when built, else Debug (the report names which).</summary>
    public static string CatalogAssembly(string? given)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        var candidates = new[] { "Release", "Debug" }
            .Select(configuration => Path.Combine(Root(), "src", "Catalog", "bin", configuration, "net10.0", "TownLake.Catalog.dll"))
            .Where(File.Exists)
            .ToList();
        return candidates.Count > 0
            ? candidates[0]
            : throw new InvalidOperationException("The Catalog is not built: run `dotnet build -c Release src/Catalog -p:SkipUiBuild=true` first, or pass --catalog <TownLake.Catalog.dll>.");
    }
}
