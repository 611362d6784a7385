using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TownLake.Catalog.QueryFront;

/// <summary>
/// Result rows as the engine produced them, written as a JSON list of lists by a converter that handles the common
/// value types directly (no per-row copies, no reflection): paging a big result is bound by writing JSON, not by
/// conversions. Values JSON cannot hold as they are go through <see cref="ResultValues.ToJson"/>.
/// </summary>
[JsonConverter(typeof(ResultRowsConverter))]
public sealed class ResultRows(IReadOnlyList<object?[]> rows) : IReadOnlyList<object?[]>
{
    public object?[] this[int index] => rows[index];

    public int Count => rows.Count;

    public IEnumerator<object?[]> GetEnumerator() => rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Writes <see cref="ResultRows"/>; reading rows back is not needed anywhere.</summary>
public sealed class ResultRowsConverter : JsonConverter<ResultRows>
{
    public override ResultRows Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Result rows are only written.");

    public override void Write(Utf8JsonWriter writer, ResultRows value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var row in value)
        {
            writer.WriteStartArray();
            foreach (var cell in row)
            {
                WriteValue(writer, cell, options);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case DateTime t:
                writer.WriteStringValue(t);
                break;
            default:
                JsonSerializer.Serialize(writer, ResultValues.ToJson(value), options);
                break;
        }
    }
}
