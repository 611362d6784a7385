namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>Shannon entropy of a string's characters, in bits per character.</summary>
public static class Entropy
{
    /// <summary>Bits per character of <paramref name="value"/>'s character distribution (ASCII; other characters share one bucket).</summary>
    public static double BitsPerChar(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[129];
        foreach (var c in value)
        {
            counts[c < 128 ? c : 128]++;
        }

        double bits = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / value.Length;
                bits -= p * Math.Log2(p);
            }
        }

        return bits;
    }
}
