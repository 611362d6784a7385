using GraphQL.Types;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Users.GraphQL;

/// <summary>GraphQL type of a user.</summary>
public sealed class UserGraphType : ObjectGraphType<User>
{
    public UserGraphType()
    {
        Name = "User";
        Description = "A person known to the catalog.";
        this.AddEntityFields();
        Field(u => u.DisplayName, nullable: true).Description("The person's display name.");
        Field(u => u.Email, nullable: true).Description("The person's e-mail address.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GroupGraphType>>>>("groups").Description("Groups the user belongs to.")
            .Resolve(c => c.Loader<UserGroupsLoader>().Load(c.Source.Name));
    }
}

/// <summary>GraphQL type of a group.</summary>
public sealed class GroupGraphType : ObjectGraphType<Group>
{
    public GroupGraphType()
    {
        Name = "Group";
        Description = "A group of users.";
        this.AddEntityFields();
        Field(g => g.DisplayName, nullable: true).Description("The group's display name.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserGraphType>>>>("members").Description("The group's members.")
            .Resolve(c => c.LoadMany<User>(c.Source.Members.Select(Urn.User), urn => User.Create(Urn.Parse(urn).Key, default)));
    }
}

/// <summary>GraphQL type of the caller (<c>me</c>).</summary>
public sealed class CallerGraphType : ObjectGraphType<Caller>
{
    public CallerGraphType()
    {
        Name = "Caller";
        Description = "Who is asking, and what they may do.";
        Field<NonNullGraphType<UserGraphType>>("user").Description("The calling user.")
            .Resolve(c => c.LoadOne<User>(Urn.User(c.Source.UserName), _ => User.Create(c.Source.UserName, default)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GroupGraphType>>>>("groups").Description("The caller's groups.")
            .Resolve(c => c.LoadMany<Group>(c.Source.Groups.Select(Urn.Group), urn => Group.Create(Urn.Parse(urn).Key, default)));
        Field(x => x.IsAuthenticated).Description("False for anonymous callers.");
        Field(x => x.IsAdmin).Description("True for administrators.");
        Field(x => x.CanEdit).Description("Whether the caller may edit all metadata (administrators and stewards); owners may also edit their own datasets.");
        Governance.GraphQL.GovernanceOperations.AddCallerFields(this);
    }
}
