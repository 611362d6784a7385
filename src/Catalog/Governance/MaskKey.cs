using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Hosting;

namespace TownLake.Catalog.Governance;

/// <summary>
/// The secret masked values are hashed with: <see cref="GovernanceOptions.MaskKey"/> when set, else a random key
/// created once in the data directory, so masks stay the same across restarts (joins on saved results keep working)
/// and nobody can compute a mask for a guessed value.
/// </summary>
public sealed class MaskKey(IOptions<GovernanceOptions> governance, IOptions<TownLakeOptions> options)
{
    private readonly Lazy<string> _value = new(() => Load(governance.Value, options.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Value => _value.Value;

    private static string Load(GovernanceOptions governance, TownLakeOptions options)
    {
        if (!string.IsNullOrWhiteSpace(governance.MaskKey))
        {
            return governance.MaskKey;
        }

        var path = Path.Combine(options.FullDataDirectory, "governance-mask.key");
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(options.FullDataDirectory);
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(file);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance over the same directory wrote it first: use theirs.
            return File.ReadAllText(path).Trim();
        }
    }
}
