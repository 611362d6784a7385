using System.Globalization;
using System.Numerics;

namespace TownLake.Catalog.QueryFront;

/// <summary>Makes engine values safe to write as JSON: the common ones pass through, the rest become strings.</summary>
public static class ResultValues
{
    public static object? ToJson(object? value) => value switch
    {
        null or string or long or int or short or sbyte or byte or ushort or uint or bool or decimal => value,
        double d => double.IsFinite(d) ? d : d.ToString(CultureInfo.InvariantCulture),
        float f => float.IsFinite(f) ? f : f.ToString(CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : u.ToString(CultureInfo.InvariantCulture),
        BigInteger b => b >= long.MinValue && b <= long.MaxValue ? (long)b : b.ToString(CultureInfo.InvariantCulture),
        DateTime t => t,
        DateTimeOffset t => t,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        byte[] bytes => Convert.ToBase64String(bytes),
        System.Collections.IDictionary map => ToJsonMap(map),
        System.Collections.IEnumerable list => list.Cast<object?>().Select(ToJson).ToList(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>A row with every value made JSON-safe, in a fresh array.</summary>
    public static object?[] Row(object?[] row)
    {
        var result = new object?[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            result[i] = ToJson(row[i]);
        }

        return result;
    }

    private static Dictionary<string, object?> ToJsonMap(System.Collections.IDictionary map)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in map)
        {
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = ToJson(entry.Value);
        }

        return result;
    }
}
