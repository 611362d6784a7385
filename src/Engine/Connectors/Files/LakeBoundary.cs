namespace TownLake.Engine.Connectors.Files;

/// <summary>
/// Tells whether a path under a files connection's root really stays inside it once every symbolic link on the way
/// is resolved; paths that leave it are refused (and reported once in the scan's warnings).
/// </summary>
internal sealed class LakeBoundary(string root, ICollection<string>? warnings)
{
    private const int MaxLinkHops = 40;
    private readonly string _realRoot = RealPath(root, 0);

    /// <summary>True when <paramref name="path"/> resolves to a location inside the root.</summary>
    public bool Contains(string path)
    {
        string real;
        try
        {
            real = RealPath(path, 0);
        }
        catch (IOException)
        {
            warnings?.Add($"{path} is skipped: its symbolic links cannot be resolved.");
            return false;
        }

        var prefix = _realRoot.EndsWith(Path.DirectorySeparatorChar) ? _realRoot : _realRoot + Path.DirectorySeparatorChar;
        if (real == _realRoot || real.StartsWith(prefix, StringComparison.Ordinal))
        {
            return true;
        }

        warnings?.Add($"{path} is skipped: it is a symbolic link out of the connection's directory.");
        return false;
    }

    /// <summary>The absolute path with every symbolic link component resolved (like realpath(3)).</summary>
    private static string RealPath(string path, int hops)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        foreach (var part in full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            while (new FileInfo(next).LinkTarget is { } target)
            {
                if (++hops > MaxLinkHops)
                {
                    throw new IOException($"Too many levels of symbolic links at {next}.");
                }

                // A relative target is relative to the link's directory; the target itself may hold links again.
                next = RealPath(Path.GetFullPath(target, current), hops);
            }

            current = next;
        }

        return current;
    }
}
