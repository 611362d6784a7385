namespace TownLake.Catalog.Tests;

/// <summary>Finds files of the repository (the checked-in SDL, shared benchmark data) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TownLake.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TownLake.sln not found above " + AppContext.BaseDirectory);
    }
}
