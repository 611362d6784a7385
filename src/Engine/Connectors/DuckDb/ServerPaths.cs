namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Hides the server's own directories in messages callers read: DuckDB expands <c>~</c> and relative paths, so its
/// permission and I/O errors would otherwise tell any caller the service account's home and working directory.
/// </summary>
internal static class ServerPaths
{
    public static string Scrub(string message)
    {
        foreach (var (path, placeholder) in Known())
        {
            message = message.Replace(path, placeholder, StringComparison.Ordinal);
        }

        return message;
    }

    /// <summary>Longest first, so a directory inside another is replaced as itself.</summary>
    private static IEnumerable<(string Path, string Placeholder)> Known() =>
        new[]
        {
            (AppContext.BaseDirectory, "<server>/"),
            (Directory.GetCurrentDirectory(), "<server>"),
            (Path.GetTempPath(), "<temp>/"),
            (Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "~"),
        }
        .Where(p => p.Item1.Length > 1)
        .OrderByDescending(p => p.Item1.Length);
}
