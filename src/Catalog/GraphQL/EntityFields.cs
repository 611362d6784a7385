using GraphQL.Types;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.GraphQL;

/// <summary>Adds the <c>Entity</c> interface fields to an object type, so each entity type declares them one way.</summary>
public static class EntityFields
{
    public static void AddEntityFields<T>(this ObjectGraphType<T> type) where T : ICatalogEntity
    {
        type.Interface<EntityInterface>();
        type.IsTypeOf = value => value is T;
        type.Field<NonNullGraphType<IdGraphType>>("urn").Description("The entity's unique, stable identifier.").Resolve(c => c.Source.Urn);
        type.Field<NonNullGraphType<StringGraphType>>("name").Description("The entity's unique name.").Resolve(c => c.Source.Name);
        type.Field<NonNullGraphType<EntityTypeEnum>>("type").Description("The kind of entity.").Resolve(c => c.Source.Type);
    }
}
