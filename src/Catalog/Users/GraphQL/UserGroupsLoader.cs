using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Users.GraphQL;

/// <summary>DataLoader of <c>User.groups</c>: the groups of every user of a level, in one store round trip.</summary>
public sealed class UserGroupsLoader(IEntityStore store) : LinkingEntitiesLoader<Group>(store, EntityType.Group, EntityLinks.Member);
