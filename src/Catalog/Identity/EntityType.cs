namespace TownLake.Catalog.Identity;

/// <summary>The kinds of entity the catalog holds (DataHub's vocabulary where it fits).</summary>
public enum EntityType
{
    Dataset,
    Column,
    GlossaryTerm,
    Tag,
    Domain,
    User,
    Group,
    Job,
    Document,
}
