using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// Turns a value of Trino's JSON result encoding into a CLR value, following the column's type
/// (the encoding is the one trino-client's FixJsonDataUtils decodes: numbers as JSON numbers, decimals and
/// temporal values as strings, varbinary as base64, arrays and rows as JSON arrays, maps as JSON objects).
/// </summary>
/// <remarks>
/// boolean→bool, tinyint→sbyte, smallint→short, integer→int, bigint→long, real→float, double→double,
/// decimal→decimal (string when beyond System.Decimal's 28 digits), varchar/char/json→string, varbinary→byte[],
/// date→DateOnly, time(p)→TimeOnly, timestamp(p)→DateTime (Unspecified), timestamp(p) with time zone→DateTimeOffset,
/// interval day to second→TimeSpan, uuid→Guid, ipaddress→IPAddress, array→object?[],
/// map→Dictionary&lt;object, object?&gt;, row→Dictionary&lt;string, object?&gt; (anonymous fields named field0, field1, ...).
/// Fractions beyond .NET's 100 ns tick are truncated. Anything else stays as Trino sent it (string or raw JSON text).
/// </remarks>
public static class TrinoValueConverter
{
    /// <summary>Converts one JSON value of the given Trino type; JSON null becomes null.</summary>
    public static object? Convert(JsonElement value, TrinoType type)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        try
        {
            return ConvertNonNull(value, type);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException
            or ArgumentOutOfRangeException or TimeZoneNotFoundException)
        {
            throw new TrinoProtocolException($"Value {Truncate(value.GetRawText())} is not a valid {type}.", innerException: e);
        }
    }

    private static object? ConvertNonNull(JsonElement value, TrinoType type) => type.RawType switch
    {
        "boolean" => value.ValueKind == JsonValueKind.String ? bool.Parse(value.GetString()!) : value.GetBoolean(),
        "tinyint" => value.ValueKind == JsonValueKind.String ? sbyte.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetSByte(),
        "smallint" => value.ValueKind == JsonValueKind.String ? short.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt16(),
        "integer" => value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32(),
        "bigint" => value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64(),
        "double" => value.ValueKind == JsonValueKind.String ? ParseFloating(value.GetString()!) : value.GetDouble(),
        "real" => value.ValueKind == JsonValueKind.String ? (float)ParseFloating(value.GetString()!) : value.GetSingle(),
        "decimal" => ParseDecimal(value),
        "varchar" or "char" or "json" => value.GetString(),
        "varbinary" => System.Convert.FromBase64String(value.GetString()!),
        "date" => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        "time" => TimeOnly.FromTimeSpan(ParseClock(value.GetString()!)),
        "timestamp" => ParseTimestamp(value.GetString()!),
        "timestamp with time zone" => ParseTimestampWithZone(value.GetString()!),
        "interval day to second" => ParseDayToSecond(value.GetString()!),
        "uuid" => Guid.Parse(value.GetString()!),
        "ipaddress" => IPAddress.Parse(value.GetString()!),
        "array" => value.EnumerateArray().Select(item => Convert(item, type.TypeArguments[0])).ToArray(),
        "map" => ConvertMap(value, type),
        "row" => ConvertRow(value, type),
        _ => value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(),
    };

    private static double ParseFloating(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static object ParseDecimal(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        // decimal(38, s) can exceed System.Decimal; keep the exact text rather than round it silently.
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : text;
    }

    private static DateTime ParseTimestamp(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw new FormatException("A timestamp needs a date and a time separated by a space.");
        }
        var date = DateOnly.ParseExact(text[..space], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + ParseClock(text[(space + 1)..]);
    }

    private static DateTimeOffset ParseTimestampWithZone(string text)
    {
        // "2020-03-01 12:34:56.789 UTC", "... America/New_York" or "... +05:30": the zone is the last word.
        var lastSpace = text.LastIndexOf(' ');
        if (lastSpace < 0)
        {
            throw new FormatException("A timestamp with time zone ends with a zone.");
        }
        var local = ParseTimestamp(text[..lastSpace]);
        var zone = text[(lastSpace + 1)..];
        if (zone[0] is '+' or '-')
        {
            var offset = TimeSpan.ParseExact(zone[1..], @"hh\:mm", CultureInfo.InvariantCulture);
            return new DateTimeOffset(local, zone[0] == '-' ? -offset : offset);
        }
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone == "Z" ? "UTC" : zone);
        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }

    // "HH:mm:ss" with up to 12 fractional digits (Trino's picosecond precision); .NET keeps 7.
    private static TimeSpan ParseClock(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = TimeSpan.ParseExact(dot < 0 ? text : text[..dot], @"hh\:mm\:ss", CultureInfo.InvariantCulture);
        if (dot < 0)
        {
            return whole;
        }
        var fraction = text[(dot + 1)..];
        if (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))
        {
            throw new FormatException($"'{fraction}' is not a fraction of a second.");
        }
        var ticks = long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        return whole + TimeSpan.FromTicks(ticks);
    }

    // Trino prints day-to-second intervals as "2 03:04:05.678" (optionally negative).
    private static TimeSpan ParseDayToSecond(string text)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var space = body.IndexOf(' ', StringComparison.Ordinal);
        var days = space < 0 ? 0 : int.Parse(body[..space], CultureInfo.InvariantCulture);
        var span = TimeSpan.FromDays(days) + ParseClock(space < 0 ? body : body[(space + 1)..]);
        return negative ? -span : span;
    }

    private static Dictionary<object, object?> ConvertMap(JsonElement value, TrinoType type)
    {
        // JSON object keys are always strings; convert them back to the key type.
        var map = new Dictionary<object, object?>();
        foreach (var entry in value.EnumerateObject())
        {
            using var keyDocument = JsonDocument.Parse(JsonSerializer.Serialize(entry.Name));
            var key = Convert(keyDocument.RootElement, type.TypeArguments[0])
                ?? throw new FormatException("A map key cannot be null.");
            map[key] = Convert(entry.Value, type.TypeArguments[1]);
        }
        return map;
    }

    private static Dictionary<string, object?> ConvertRow(JsonElement value, TrinoType type)
    {
        var items = value.EnumerateArray().ToArray();
        if (items.Length != type.Fields.Count)
        {
            throw new FormatException($"The row has {items.Length} values for {type.Fields.Count} fields.");
        }
        var row = new Dictionary<string, object?>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            row[type.Fields[i].Name ?? $"field{i}"] = Convert(items[i], type.Fields[i].Type);
        }
        return row;
    }

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
