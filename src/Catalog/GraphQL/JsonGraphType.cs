using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace TownLake.Catalog.GraphQL;

/// <summary>A JSON value of any shape (result rows, before/after of a change), written through as JSON.</summary>
public sealed class JsonGraphType : ScalarGraphType
{
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "Any JSON value.";
    }

    public override object? Serialize(object? value) => value;

    public override object? ParseValue(object? value) => value;

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => (string)s.Value,
        GraphQLIntValue i => long.Parse(i.Value.Span, provider: System.Globalization.CultureInfo.InvariantCulture),
        GraphQLFloatValue f => double.Parse(f.Value.Span, provider: System.Globalization.CultureInfo.InvariantCulture),
        GraphQLBooleanValue b => b.BoolValue,
        _ => ThrowLiteralConversionError(value),
    };

    /// <summary>Parses stored JSON text into a value the serializer writes as-is.</summary>
    public static JsonElement? FromText(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
