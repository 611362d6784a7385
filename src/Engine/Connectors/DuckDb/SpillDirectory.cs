namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// The private directory one query spills into: a fresh random name under the spill root, readable by the server's
/// user only, deleted with everything in it when the query ends, so no other query can find or read its spill files.
/// </summary>
internal static class SpillDirectory
{
    /// <summary>Creates a new empty directory under <paramref name="root"/> and returns its full path.</summary>
    public static string Create(string root)
    {
        var path = Path.Combine(Path.GetFullPath(root), Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Deletes the directory and its files; one that cannot be deleted stays private (random name, owner-only).</summary>
    public static void Remove(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing else can read it (random name, owner-only permissions); failing the query over it would help no one.
        }
    }
}
