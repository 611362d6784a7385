using System.Security.Cryptography;
using System.Text;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>
/// Marquez's version ids are UUIDs; producers give dataset versions as free text (<c>v41</c>, a Delta commit number)
/// and TownLake hashes job versions. A version that is not a UUID is shown as the name-based UUID of its owner and
/// text (Java's <c>UUID.nameUUIDFromBytes</c>, which Marquez uses for its own versions), so the same version always
/// gets the same id and a client can read it back.
/// </summary>
public static class MarquezVersionId
{
    /// <summary>The UUID a version of <paramref name="name"/> in <paramref name="namespace"/> is shown as.</summary>
    public static string Of(string @namespace, string name, string version)
    {
        if (Guid.TryParseExact(version, "D", out var given))
        {
            return given.ToString("D");
        }

        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"{@namespace}\n{name}\n{version}"));
        hash[6] = (byte)((hash[6] & 0x0f) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        return new Guid(hash, bigEndian: true).ToString("D");
    }
}
