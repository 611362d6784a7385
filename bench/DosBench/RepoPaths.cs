namespace TownLake.DosBench;

/// <summary>Where the built service is (the repository root comes from <see cref="TownLake.Bench.RunProvenance"/>).</summary>
internal static class RepoPaths
{
    /// <summary>The built service: Release when built, else Debug (the report names which).</summary>
    public static string CatalogAssembly(string? given)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        var candidates = new[] { "Release", "Debug" }
            .Select(configuration => Path.Combine(TownLake.Bench.RunProvenance.RepositoryRoot(), "src", "Catalog", "bin", configuration, "net10.0", "TownLake.Catalog.dll"))
            .Where(File.Exists)
            .ToList();
        return candidates.Count > 0
            ? candidates[0]
            : throw new InvalidOperationException("The Catalog is not built: run `dotnet build -c Release src/Catalog -p:SkipUiBuild=true` first, or pass --catalog <TownLake.Catalog.dll>.");
    }
}
