using GraphQL.Types;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.GraphQL;

/// <summary>The GraphQL <c>Entity</c> interface every catalog entity type implements.</summary>
public sealed class EntityInterface : InterfaceGraphType<ICatalogEntity>
{
    public EntityInterface()
    {
        Name = "Entity";
        Description = "A catalog entity: every entity type has a URN, a name and a type.";
        Field<NonNullGraphType<IdGraphType>>("urn").Description("The entity's unique, stable identifier (urn:tl:<type>:<key>).");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The entity's unique name.");
        Field<NonNullGraphType<EntityTypeEnum>>("type").Description("The kind of entity.");
    }
}

/// <summary>The GraphQL enum of entity kinds.</summary>
public sealed class EntityTypeEnum : EnumerationGraphType<EntityType>
{
    public EntityTypeEnum()
    {
        Name = "EntityType";
        Description = "The kinds of entity the catalog holds.";
    }
}
