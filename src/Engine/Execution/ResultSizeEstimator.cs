using System.Collections;

namespace TownLake.Engine.Execution;

/// <summary>
/// Estimates the managed memory a result row occupies once held for paging (object headers, references, UTF-16
/// strings), so a run's byte budget bounds what it really keeps. An estimate on the high side is fine; a low one is not.
/// </summary>
internal static class ResultSizeEstimator
{
    // Object header + method table on 64-bit runtimes, and one reference.
    private const int ObjectOverhead = 24;
    private const int Reference = 8;

    /// <summary>Bytes held by <paramref name="row"/> and its values.</summary>
    public static long Estimate(object?[] row)
    {
        long bytes = ObjectOverhead + (long)Reference * row.Length;
        foreach (var value in row)
        {
            bytes += Value(value, depth: 0);
        }

        return bytes;
    }

    /// <summary>Bytes of a string held in a run (e.g. its SQL).</summary>
    public static long String(string text) => ObjectOverhead + 2L * text.Length;

    private static long Value(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return 0;
            case string text:
                return String(text);
            case byte[] bytes:
                return ObjectOverhead + bytes.LongLength;
            case Stream stream:
                return ObjectOverhead + (stream.CanSeek ? stream.Length : 0);
            case IDictionary dictionary when depth < 8:
                {
                    long total = ObjectOverhead * 2;
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        total += 3L * Reference + Value(entry.Key, depth + 1) + Value(entry.Value, depth + 1);
                    }

                    return total;
                }

            case IEnumerable items when depth < 8:
                {
                    long total = ObjectOverhead * 2;
                    foreach (var item in items)
                    {
                        total += Reference + Value(item, depth + 1);
                    }

                    return total;
                }

            case decimal or Guid or System.Numerics.BigInteger or DateTimeOffset:
                return ObjectOverhead + 16;
            default:
                // Boxed primitives, dates and times: a header plus at most 16 bytes of payload.
                return ObjectOverhead + 8;
        }
    }
}
