namespace TownLake.Engine.Connectors.Files;

/// <summary>
/// Finds the datasets under the root directory of a <c>files</c> connection:
/// <list type="bullet">
/// <item><c>root/x.parquet</c> → <c>main.x</c>; <c>root/sales/x.csv</c> → <c>sales.x</c>;</item>
/// <item><c>root/t/year=2024/month=01/*.parquet</c> → <c>main.t</c> (a directory of <c>key=value</c> folders is one partitioned dataset);</item>
/// <item><c>root/sales/t/**</c> → <c>sales.t</c> (below a schema, every directory is one dataset).</item>
/// </list>
/// Used both by extraction and by the query engine, so both see the same datasets. Symbolic links that lead out of
/// the root directory are skipped with a warning: a lake cannot expose <c>/etc/passwd</c> through a link.
/// </summary>
public static class FileLayout
{
    /// <summary>Format name for Parquet datasets.</summary>
    public const string Parquet = "parquet";

    /// <summary>Format name for CSV datasets.</summary>
    public const string Csv = "csv";

    /// <summary>Schema of datasets found directly under the root.</summary>
    public const string DefaultSchema = "main";

    /// <summary>Lists the datasets under <paramref name="root"/>, sorted by schema and name.</summary>
    public static IReadOnlyList<FileDataset> Scan(string root, ICollection<string>? warnings = null)
    {
        if (!Directory.Exists(root))
        {
            throw new MetadataExtractionException($"The files directory '{root}' does not exist.");
        }

        root = System.IO.Path.GetFullPath(root);
        var inside = new LakeBoundary(root, warnings);
        var datasets = new List<FileDataset>();
        foreach (var file in DataFiles(root, SearchOption.TopDirectoryOnly).Where(inside.Contains))
        {
            datasets.Add(SingleFile(DefaultSchema, file));
        }

        foreach (var directory in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(directory);
            if (name.StartsWith('.') || name.StartsWith('_') || !inside.Contains(directory))
            {
                continue;
            }

            if (IsPartitioned(directory))
            {
                AddIfAny(datasets, DirectoryDataset(DefaultSchema, directory, inside, warnings));
                continue;
            }

            foreach (var file in DataFiles(directory, SearchOption.TopDirectoryOnly).Where(inside.Contains))
            {
                datasets.Add(SingleFile(name, file));
            }

            foreach (var inner in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
            {
                var innerName = System.IO.Path.GetFileName(inner);
                if (!innerName.StartsWith('.') && !innerName.StartsWith('_') && inside.Contains(inner))
                {
                    AddIfAny(datasets, DirectoryDataset(name, inner, inside, warnings));
                }
            }
        }

        return datasets
            .GroupBy(d => (d.Schema.ToLowerInvariant(), d.Name.ToLowerInvariant()))
            .Select(g =>
            {
                if (g.Count() > 1)
                {
                    warnings?.Add($"Several sources map to dataset {g.Key.Item1}.{g.Key.Item2}; using {g.First().Location}.");
                }

                return g.First();
            })
            .OrderBy(d => d.Schema, StringComparer.Ordinal)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The data extension of a file (<c>.parquet</c>, <c>.csv</c>, <c>.csv.gz</c>…), or null for other files.</summary>
    public static string? Extension(string file)
    {
        var name = System.IO.Path.GetFileName(file).ToLowerInvariant();
        foreach (var extension in (string[])[".parquet", ".parq", ".csv.gz", ".csv", ".tsv"])
        {
            if (name.EndsWith(extension, StringComparison.Ordinal))
            {
                return extension;
            }
        }

        return null;
    }

    private static string FormatOf(string file) => Extension(file) is ".parquet" or ".parq" ? Parquet : Csv;

    private static IEnumerable<string> DataFiles(string directory, SearchOption option) =>
        Directory.EnumerateFiles(directory, "*", option)
            .Where(f => Extension(f) is not null && !System.IO.Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal);

    private static FileDataset SingleFile(string schema, string file)
    {
        var extension = Extension(file)!;
        var name = System.IO.Path.GetFileName(file)[..^extension.Length];
        return new FileDataset(schema, name, FormatOf(file), file, [file], []);
    }

    private static bool IsPartitioned(string directory) =>
        Directory.GetDirectories(directory).Any(d => PartitionKey(System.IO.Path.GetFileName(d)) is not null);

    private static string? PartitionKey(string directoryName)
    {
        var equals = directoryName.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 ? directoryName[..equals] : null;
    }

    private static FileDataset? DirectoryDataset(string schema, string directory, LakeBoundary inside, ICollection<string>? warnings)
    {
        var files = DataFiles(directory, SearchOption.AllDirectories).ToList();
        if (files.Count == 0)
        {
            return null;
        }

        if (!files.All(inside.Contains))
        {
            // DuckDB reads a directory dataset through one glob, which would follow the link; skip the whole dataset.
            warnings?.Add($"Dataset directory {directory} is skipped: it holds a symbolic link out of the connection's directory.");
            return null;
        }

        // One dataset has one format and one extension, because DuckDB reads it through one glob.
        var extension = files.GroupBy(Extension).OrderByDescending(g => g.Count()).First().Key!;
        var skipped = files.Count(f => Extension(f) != extension);
        if (skipped > 0)
        {
            warnings?.Add($"Directory {directory} mixes file types; {skipped} file(s) not ending in {extension} are ignored.");
            files = files.Where(f => Extension(f) == extension).ToList();
        }

        var partitionColumns = new List<string>();
        var sample = System.IO.Path.GetRelativePath(directory, files[0]).Split(System.IO.Path.DirectorySeparatorChar);
        foreach (var part in sample[..^1])
        {
            if (PartitionKey(part) is { } key)
            {
                partitionColumns.Add(key);
            }
        }

        return new FileDataset(schema, System.IO.Path.GetFileName(directory), FormatOf(files[0]), directory, files, partitionColumns);
    }

    private static void AddIfAny(List<FileDataset> datasets, FileDataset? dataset)
    {
        if (dataset is not null)
        {
            datasets.Add(dataset);
        }
    }
}
