namespace TownLake.Search.Ranking;

/// <summary>
/// Infers which columns look like join keys, so datasets of one schema that share a key
/// (<c>concert.singer_id</c> ↔ <c>singer.singer_id</c>) or name each other (<c>orders.customer_id</c> → <c>customers</c>)
/// count as related even without declared foreign keys.
/// </summary>
public static class JoinKeys
{
    private static readonly string[] KeySuffixes = ["id", "code", "key", "num", "no", "number", "uid"];

    /// <summary>Lowercase letters and digits only: <c>Singer_ID</c> → <c>singerid</c>.</summary>
    public static string Normalize(string name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>True for a normalized column name that ends like a key but is more than the bare suffix.</summary>
    public static bool LooksLikeKey(string normalizedColumn)
    {
        foreach (var suffix in KeySuffixes)
        {
            if (normalizedColumn.Length > suffix.Length + 1 && normalizedColumn.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The forms a column would use to refer to a table: <c>singers</c> → singer, singers.</summary>
    public static IEnumerable<string> ReferenceStems(string normalizedTable)
    {
        yield return normalizedTable;
        if (normalizedTable.EndsWith("ies", StringComparison.Ordinal) && normalizedTable.Length > 4)
        {
            yield return normalizedTable[..^3] + "y";
        }
        else if (normalizedTable.EndsWith("es", StringComparison.Ordinal) && normalizedTable.Length > 3)
        {
            yield return normalizedTable[..^2];
            yield return normalizedTable[..^1];
        }
        else if (normalizedTable.EndsWith('s') && normalizedTable.Length > 2)
        {
            yield return normalizedTable[..^1];
        }
    }

    /// <summary>The table stems a key column could name: <c>singerid</c> → <c>singer</c>.</summary>
    public static IEnumerable<string> ReferencedStems(string normalizedKey)
    {
        foreach (var suffix in KeySuffixes)
        {
            if (normalizedKey.Length >= suffix.Length + 3 && normalizedKey.EndsWith(suffix, StringComparison.Ordinal))
            {
                yield return normalizedKey[..^suffix.Length];
            }
        }
    }

    /// <summary>Key columns that would name a table stem: <c>singer</c> → singerid, singercode, ...</summary>
    public static IEnumerable<string> KeysNaming(string stem) => KeySuffixes.Select(suffix => stem + suffix);
}
