using GraphQL;
using GraphQL.Introspection;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace TownLake.Catalog.GraphQL;

/// <summary>
/// Completes GraphQL.NET's introspection types with the two parts of the current spec (October 2021 and later) that
/// graphql-js clients ask for and it lacks: <c>__Type.specifiedByURL</c> and <c>__Directive.args(includeDeprecated:)</c>.
/// Without them the stock GraphiQL's introspection query fails validation and the explorer cannot load the schema.
/// </summary>
public static class SpecIntrospection
{
    /// <summary>Metadata key a custom scalar sets to the URL of its specification.</summary>
    public const string SpecifiedByUrlKey = "specifiedByURL";

    /// <summary>Adds the missing fields and arguments; called on each type before the schema initializes it.</summary>
    public static void Complete(IGraphType graphType)
    {
        switch (graphType)
        {
            case __Type type when type.GetField("specifiedByURL") is null:
                type.AddField(new FieldType
                {
                    Name = "specifiedByURL",
                    Description = "The URL of the specification of a custom scalar, when it names one.",
                    Type = typeof(StringGraphType),
                    Resolver = new FuncFieldResolver<IGraphType, string?>(context =>
                        context.Source is ScalarGraphType scalar ? scalar.GetMetadata<string?>(SpecifiedByUrlKey) : null),
                });
                break;
            case __Directive directive when directive.GetField("args") is { } args && args.Arguments?.Find("includeDeprecated") is null:
                args.Arguments ??= new QueryArguments();
                args.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = "includeDeprecated", DefaultValue = false });
                args.Resolver = new FuncFieldResolver<Directive, IEnumerable<QueryArgument>>(context =>
                {
                    var includeDeprecated = context.GetArgument("includeDeprecated", false);
                    return ((IEnumerable<QueryArgument>?)context.Source.Arguments ?? []).Where(argument => includeDeprecated || argument.DeprecationReason is null);
                });
                break;
        }
    }
}
