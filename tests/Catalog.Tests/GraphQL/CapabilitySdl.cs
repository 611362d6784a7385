using System.Reflection;
using System.Text.RegularExpressions;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Tests.GraphQL;

/// <summary>
/// Splits the printed schema into one SDL file per capability, the way DataHub lays out its SDL: a type belongs to the
/// feature folder its graph type lives in (<c>TownLake.Catalog.Lineage.GraphQL</c> → <c>lineage.graphql</c>), a root
/// field to the feature whose <c>Add…Queries</c>/<c>Add…Mutations</c> method adds it (written as <c>extend type Query</c>).
/// The roots themselves and shared types go to <c>schema.graphql</c>. Text is sliced from the printed SDL, so each
/// file holds exactly what the server prints.
/// </summary>
internal static partial class CapabilitySdl
{
    public const string RootFile = "schema";

    public static IReadOnlyDictionary<string, string> Split(ISchema schema, string printed)
    {
        var document = Parser.Parse(printed, new ParserOptions { Ignore = IgnoreOptions.Comments });
        var rootFieldOwners = RootFieldCapabilities();
        var typeOwners = schema.AllTypes.ToDictionary(t => t.Name, CapabilityOf);
        var files = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var rootExtensions = new SortedDictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);

        foreach (var definition in document.Definitions)
        {
            var name = DefinitionName(definition);
            if (definition is GraphQLObjectTypeDefinition root && name is not null && (name == schema.Query.Name || name == schema.Mutation?.Name))
            {
                // The root keeps its description; each capability extends it with its own fields.
                Add(files, RootFile, Slice(printed, root.Description, root.Location.Start, root.Name.Location.End));
                foreach (var field in root.Fields?.Items ?? [])
                {
                    var fieldName = field.Name.StringValue;
                    if (!rootFieldOwners.TryGetValue((name, fieldName), out var capability))
                    {
                        throw new InvalidOperationException($"Root field {name}.{fieldName} is added by no Add…Queries/Add…Mutations method; add it through its feature.");
                    }

                    var perRoot = rootExtensions.TryGetValue(capability, out var found) ? found : rootExtensions[capability] = [];
                    (perRoot.TryGetValue(name, out var fields) ? fields : perRoot[name] = []).Add(Slice(printed, field.Description, field.Location.Start, field.Location.End));
                }

                continue;
            }

            var owner = name is not null && typeOwners.TryGetValue(name, out var known) ? known : RootFile;
            Add(files, owner, Slice(printed, (definition as IHasDescriptionNode)?.Description, definition.Location.Start, definition.Location.End));
        }

        foreach (var (capability, roots) in rootExtensions)
        {
            foreach (var rootName in new[] { schema.Query.Name, schema.Mutation?.Name })
            {
                if (rootName is not null && roots.TryGetValue(rootName, out var fields))
                {
                    Add(files, capability, $"extend type {rootName} {{\n{string.Join("\n", fields.Select(f => "  " + f))}\n}}");
                }
            }
        }

        return files.ToDictionary(f => f.Key, f => string.Join("\n\n", f.Value) + "\n");
    }

    private static void Add(SortedDictionary<string, List<string>> files, string capability, string text) =>
        (files.TryGetValue(capability, out var parts) ? parts : files[capability] = []).Add(text);

    private static string Slice(string printed, GraphQLDescription? description, int start, int end)
    {
        var from = description is null ? start : Math.Min(start, description.Location.Start);
        // Printed field lines are indented by two spaces; keep continuation lines as printed, relative to the field.
        return printed[from..end].TrimEnd();
    }

    private static string? DefinitionName(ASTNode definition) => definition switch
    {
        INamedNode named => named.Name.StringValue,
        _ => null,
    };

    /// <summary>Which capability adds each root field: every feature's Add…Queries/Add…Mutations method run on an empty root.</summary>
    private static Dictionary<(string Root, string Field), string> RootFieldCapabilities()
    {
        var owners = new Dictionary<(string, string), string>();
        var adders = typeof(CatalogSchema).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => AdderName().IsMatch(m.Name) && m.GetParameters() is [{ ParameterType: var p }] && p == typeof(ObjectGraphType));
        foreach (var adder in adders)
        {
            var root = adder.Name.EndsWith("Mutations", StringComparison.Ordinal) ? "Mutation" : "Query";
            var probe = new ObjectGraphType();
            adder.Invoke(null, [probe]);
            foreach (var field in probe.Fields)
            {
                owners[(root, field.Name)] = CapabilityOfNamespace(adder.DeclaringType!.Namespace);
            }
        }

        return owners;
    }

    private static string CapabilityOf(IGraphType type)
    {
        var clr = type.GetType();
        // Generic graph types (enumerations over a CLR enum, connections) belong where their CLR argument lives.
        while (clr.IsGenericType && clr.Namespace?.StartsWith("GraphQL", StringComparison.Ordinal) == true)
        {
            clr = clr.GetGenericArguments()[0];
        }

        return CapabilityOfNamespace(clr.Namespace);
    }

    private static string CapabilityOfNamespace(string? ns)
    {
        const string prefix = "TownLake.Catalog.";
        if (ns is null || !ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return RootFile;
        }

        var feature = ns[prefix.Length..].Split('.')[0];
        if (feature == "GraphQL")
        {
            return RootFile;
        }

        return KebabBoundary().Replace(feature, "$1-$2").ToLowerInvariant();
    }

    [GeneratedRegex("^Add[A-Za-z]*(Queries|Mutations)$")]
    private static partial Regex AdderName();

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabBoundary();
}
