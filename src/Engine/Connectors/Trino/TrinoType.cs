using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// A Trino type as the client protocol describes it in <c>typeSignature</c>: a raw type name
/// (<c>varchar</c>, <c>decimal</c>, <c>array</c>, <c>row</c>, ...) with its parameters.
/// </summary>
/// <param name="RawType">The base name, lower case, e.g. <c>timestamp with time zone</c>.</param>
/// <param name="Parameters">Numeric parameters in order, e.g. precision and scale of a decimal.</param>
/// <param name="TypeArguments">Element types: one for <c>array</c>, key then value for <c>map</c>.</param>
/// <param name="Fields">Named (or unnamed, <c>null</c>) fields of a <c>row</c>.</param>
public sealed record TrinoType(
    string RawType,
    IReadOnlyList<long> Parameters,
    IReadOnlyList<TrinoType> TypeArguments,
    IReadOnlyList<TrinoRowField> Fields)
{
    /// <summary>A type without parameters, such as <c>bigint</c>.</summary>
    public static TrinoType Simple(string rawType) => new(rawType, [], [], []);

    /// <summary>The SQL spelling, e.g. <c>decimal(10,2)</c>, <c>map(varchar,array(bigint))</c>, <c>row(a bigint,b varchar)</c>.</summary>
    public override string ToString()
    {
        if (Fields.Count > 0)
        {
            return $"{RawType}({string.Join(",", Fields.Select(f => f.Name is null ? f.Type.ToString() : $"{f.Name} {f.Type}"))})";
        }
        if (TypeArguments.Count > 0)
        {
            return $"{RawType}({string.Join(",", TypeArguments)})";
        }
        if (Parameters.Count > 0)
        {
            // Trino writes "timestamp(3) with time zone": the precision goes after the first word.
            var parameters = $"({string.Join(",", Parameters.Select(p => p.ToString(CultureInfo.InvariantCulture)))})";
            var space = RawType.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? RawType + parameters : new StringBuilder(RawType).Insert(space, parameters).ToString();
        }
        return RawType;
    }

    internal static TrinoType FromWire(ColumnWire column) =>
        column.TypeSignature is null ? Simple(column.Type) : FromWire(column.TypeSignature);

    internal static TrinoType FromWire(TypeSignatureWire signature)
    {
        var parameters = new List<long>();
        var typeArguments = new List<TrinoType>();
        var fields = new List<TrinoRowField>();
        foreach (var argument in signature.Arguments ?? [])
        {
            switch (argument.Kind)
            {
                case "LONG" or "LONG_LITERAL":
                    parameters.Add(argument.Value.GetInt64());
                    break;
                case "TYPE" or "TYPE_SIGNATURE":
                    typeArguments.Add(FromWire(Deserialize<TypeSignatureWire>(argument.Value)));
                    break;
                case "NAMED_TYPE" or "NAMED_TYPE_SIGNATURE":
                    var named = Deserialize<NamedTypeWire>(argument.Value);
                    fields.Add(new TrinoRowField(named.FieldName?.Name, FromWire(named.TypeSignature)));
                    break;
                default:
                    throw new TrinoProtocolException(
                        $"Type '{signature.RawType}' has an argument of unknown kind '{argument.Kind}'.");
            }
        }
        return new TrinoType(signature.RawType, parameters, typeArguments, fields);
    }

    private static T Deserialize<T>(JsonElement element) =>
        element.Deserialize<T>() ?? throw new TrinoProtocolException($"Empty {typeof(T).Name} in a type signature.");
}

/// <summary>One field of a Trino <c>row</c> type; <paramref name="Name"/> is null for anonymous fields.</summary>
public sealed record TrinoRowField(string? Name, TrinoType Type);
