using GraphQL.Types;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.History.GraphQL;

/// <summary>GraphQL type of one recorded change.</summary>
public sealed class ChangeEventGraphType : ObjectGraphType<ChangeEvent>
{
    public ChangeEventGraphType()
    {
        Name = "ChangeEvent";
        Description = "One change of one aspect of an entity: who, when, before and after.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The change's sequence number.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("urn").Description("The changed entity.").Resolve(c => c.Source.Urn);
        Field(e => e.Aspect).Description("What part changed: properties, documentation, schema, ownership, tags, glossaryTerms, domain, deprecation, status.");
        Field(e => e.Actor).Description("Who made the change.");
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("When.").Resolve(c => c.Source.At.UtcDateTime);
        Field(e => e.Summary).Description("A one-line summary.");
        Field<JsonGraphType>("before").Description("The aspect before the change (null when created).").Resolve(c => JsonGraphType.FromText(Visible(c, c.Source.Before)));
        Field<JsonGraphType>("after").Description("The aspect after the change.").Resolve(c => JsonGraphType.FromText(Visible(c, c.Source.After)));
        Lineage.Impact.GraphQL.SchemaChangeImpactOperations.AddSchemaChangeImpactField(this);
    }

    private static string? Visible(global::GraphQL.IResolveFieldContext<ChangeEvent> context, string? json) =>
        context.Source.Aspect == "properties" ? Users.AnonymousView.PropertiesAspect(json, context.Caller()) : json;
}
