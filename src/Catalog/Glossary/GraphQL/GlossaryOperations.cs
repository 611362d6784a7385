using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Glossary.GraphQL;

/// <summary>The glossary queries and mutations of the GraphQL schema.</summary>
public static class GlossaryOperations
{
    public static void AddGlossaryQueries(this ObjectGraphType query)
    {
        query.Field<GlossaryTermGraphType>("glossaryTerm").Description("One glossary term by name or URN; null when unknown.")
            .Argument<StringGraphType>("name", "The term's name.")
            .Argument<IdGraphType>("urn", "The term's URN.")
            .ResolveAsync(async c => await c.Service<IEntityStore>().GetAsync<GlossaryTerm>(EntityUrn(c, EntityType.GlossaryTerm, Urn.GlossaryTerm), c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GlossaryTermGraphType>>>>("glossaryTerms").Description("Glossary terms, by name; optionally those inside one group, or only the top level.")
            .Argument<StringGraphType>("parent", "Only terms directly inside this group.")
            .Argument<BooleanGraphType>("rootsOnly", "Only terms with no parent.", a => a.DefaultValue = false)
            .ResolveAsync(async c =>
            {
                var parent = c.GetArgument<string?>("parent");
                var rootsOnly = c.GetArgument("rootsOnly", false);
                var all = await c.Service<GlossaryService>().ListAsync(c.CancellationToken);
                return all.Where(t => (parent is null || t.Parent == parent) && (!rootsOnly || t.Parent is null)).ToList();
            });
    }

    public static void AddGlossaryMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<GlossaryTermGraphType>>("createGlossaryTerm").Description("Creates a glossary term or term group.")
            .Argument<NonNullGraphType<GlossaryTermInputType>>("input", "The new term.")
            .ResolveAsync(async c => await c.Service<GlossaryService>().CreateAsync(c.GetArgument<GlossaryTermInput>("input").ToDraft(), c.Caller(), c.CancellationToken));
        mutation.Field<NonNullGraphType<GlossaryTermGraphType>>("updateGlossaryTerm")
            .Description("Edits a glossary term or group: definition, synonyms, related terms, its group, or its name (references follow a rename). Admins and stewards only.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The term's current name.")
            .Argument<NonNullGraphType<GlossaryTermUpdateInputType>>("input", "What to change.")
            .ResolveAsync(async c => await c.Service<GlossaryService>().UpdateAsync(c.GetArgument<string>("name"), c.GetArgument<GlossaryTermUpdateInput>("input").ToEdit(), c.Caller(), c.CancellationToken));
    }

    /// <summary>The URN named by a 'name' or 'urn' argument (exactly one), checked to be of the wanted type.</summary>
    public static string EntityUrn(IResolveFieldContext c, EntityType type, Func<string, string> fromName)
    {
        var name = c.GetArgument<string?>("name");
        var urn = c.GetArgument<string?>("urn");
        if ((name is null) == (urn is null))
        {
            throw CatalogException.BadInput("Give exactly one of 'name' or 'urn'.");
        }

        if (urn is null)
        {
            return fromName(name!);
        }

        if (Urn.Parse(urn).Type != type)
        {
            throw CatalogException.BadInput($"{InputEcho.Quote(urn)} is not a {type} URN.");
        }

        return urn;
    }
}
