using GraphQL.Types;
using TownLake.Catalog.Domains;
using TownLake.Catalog.Glossary.GraphQL;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Tags;

namespace TownLake.Catalog.Users.GraphQL;

/// <summary>Queries for tags, domains, users, groups and the caller.</summary>
public static class DirectoryOperations
{
    public static void AddDirectoryQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TagGraphType>>>>("tags").Description("Every tag, by name.")
            .ResolveAsync(async c => await c.Service<IEntityStore>().ListAsync<Tag>(EntityType.Tag, false, c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DomainGraphType>>>>("domains").Description("Every domain, by name.")
            .ResolveAsync(async c => await c.Service<IEntityStore>().ListAsync<Domain>(EntityType.Domain, false, c.CancellationToken));
        query.Field<UserGraphType>("user").Description("One user by name or URN; null when unknown.")
            .Argument<StringGraphType>("name", "The user's name.")
            .Argument<IdGraphType>("urn", "The user's URN.")
            .ResolveAsync(async c => await c.Service<IEntityStore>().GetAsync<User>(GlossaryOperations.EntityUrn(c, EntityType.User, Urn.User), c.CancellationToken));
        query.Field<GroupGraphType>("group").Description("One group by name or URN; null when unknown.")
            .Argument<StringGraphType>("name", "The group's name.")
            .Argument<IdGraphType>("urn", "The group's URN.")
            .ResolveAsync(async c => await c.Service<IEntityStore>().GetAsync<Group>(GlossaryOperations.EntityUrn(c, EntityType.Group, Urn.Group), c.CancellationToken));
        query.Field<NonNullGraphType<CallerGraphType>>("me").Description("Who is asking, and what they may do.").Resolve(c => c.Caller());
    }
}
