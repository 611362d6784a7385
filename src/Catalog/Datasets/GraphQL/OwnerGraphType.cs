using GraphQL.Types;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;
using TownLake.Catalog.Users.GraphQL;

namespace TownLake.Catalog.Datasets.GraphQL;

/// <summary>GraphQL type of a dataset owner.</summary>
public sealed class OwnerGraphType : ObjectGraphType<Ownership>
{
    public OwnerGraphType()
    {
        Name = "Owner";
        Description = "An owner of a dataset: a user or a group, and what they are responsible for.";
        Field<NonNullGraphType<IdGraphType>>("urn").Description("The owning user's or group's URN.")
            .Resolve(c => c.Source.Kind == OwnerKind.User ? Urn.User(c.Source.Owner) : Urn.Group(c.Source.Owner));
        Field<NonNullGraphType<StringGraphType>>("name").Description("The owning user's or group's name.").Resolve(c => c.Source.Owner);
        Field<NonNullGraphType<OwnerKindEnum>>("kind").Description("User or group.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<OwnershipTypeEnum>>("ownershipType").Description("What the owner is responsible for.").Resolve(c => c.Source.Type);
        Field<UserGraphType>("user").Description("The owning user, when the owner is a user.")
            .Resolve(c => c.Source.Kind != OwnerKind.User ? null : c.LoadOne<User>(Urn.User(c.Source.Owner), _ => User.Create(c.Source.Owner, default)));
        Field<GroupGraphType>("group").Description("The owning group, when the owner is a group.")
            .Resolve(c => c.Source.Kind != OwnerKind.Group ? null : c.LoadOne<Group>(Urn.Group(c.Source.Owner), _ => Group.Create(c.Source.Owner, default)));
    }
}

/// <summary>GraphQL enum of owner kinds.</summary>
public sealed class OwnerKindEnum : EnumerationGraphType<OwnerKind>
{
    public OwnerKindEnum()
    {
        Name = "OwnerKind";
        Description = "Whether an owner is a user or a group.";
    }
}

/// <summary>GraphQL enum of ownership types.</summary>
public sealed class OwnershipTypeEnum : EnumerationGraphType<OwnershipType>
{
    public OwnershipTypeEnum()
    {
        Name = "OwnershipType";
        Description = "What an owner is responsible for.";
    }
}
