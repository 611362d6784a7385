using System.IO.Compression;
using System.Text.RegularExpressions;

namespace TownLake.UiBench;

/// <summary>
/// Raw, gzip and served sizes of the built UI's JavaScript, for what the first page load needs and for all of it. Served is
/// the precompressed Brotli copy where the build wrote one (files under 1 kB are sent as they are).
/// </summary>
public sealed partial record BundleSize(long InitialRaw, long InitialGzip, long InitialServed, long AllRaw, long AllGzip, long AllServed, int Files)
{
    public static BundleSize Measure(string uiDirectory)
    {
        var index = File.ReadAllText(Path.Combine(uiDirectory, "index.html"));
        // index.html names the entry script and the chunks it preloads; lazy routes (lineage, query) load later.
        var initial = AssetReference().Matches(index).Select(m => Path.GetFileName(m.Groups[1].Value)).Where(f => f.EndsWith(".js", StringComparison.Ordinal)).ToHashSet();
        var scripts = Directory.GetFiles(Path.Combine(uiDirectory, "assets"), "*.js");
        long initialRaw = 0, initialGzip = 0, initialServed = 0, allRaw = 0, allGzip = 0, allServed = 0;
        foreach (var script in scripts)
        {
            var bytes = File.ReadAllBytes(script);
            var gzip = GzipLength(bytes);
            var brotli = new FileInfo(script + ".br");
            var served = brotli.Exists ? brotli.Length : bytes.Length;
            allRaw += bytes.Length;
            allGzip += gzip;
            allServed += served;
            if (initial.Contains(Path.GetFileName(script)))
            {
                initialRaw += bytes.Length;
                initialGzip += gzip;
                initialServed += served;
            }
        }

        return new BundleSize(initialRaw, initialGzip, initialServed, allRaw, allGzip, allServed, scripts.Length);
    }

    private static long GzipLength(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.Length;
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+/assets/[^\"]+)\"")]
    private static partial Regex AssetReference();
}
