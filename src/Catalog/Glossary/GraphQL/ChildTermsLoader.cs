using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Glossary.GraphQL;

/// <summary>DataLoader of <c>GlossaryTerm.children</c>: the terms inside each group of a level, in one store round trip.</summary>
public sealed class ChildTermsLoader(IEntityStore store) : LinkingEntitiesLoader<GlossaryTerm>(store, EntityType.GlossaryTerm, EntityLinks.Parent);
