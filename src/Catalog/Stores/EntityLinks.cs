using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Stores;

/// <summary>
/// The relations an entity has to other entities (tags, owners, terms, domain, parent, members), stored beside it
/// so browse filters and "which datasets carry this term" are index lookups rather than scans of JSON.
/// </summary>
public static class EntityLinks
{
    public const string Tag = "tag";
    public const string Owner = "owner";
    public const string Term = "term";
    public const string Domain = "domain";
    public const string Parent = "parent";
    public const string Member = "member";

    public static IEnumerable<(string Rel, string Target)> Of(ICatalogEntity entity) => entity switch
    {
        Dataset d => DatasetLinks(d),
        GlossaryTerm t when t.Parent is not null => [(Parent, t.Parent)],
        Group g => g.Members.Select(m => (Member, m)),
        _ => [],
    };

    private static IEnumerable<(string, string)> DatasetLinks(Dataset d)
    {
        var links = new HashSet<(string, string)>();
        foreach (var tag in d.Tags.Concat(d.Columns.SelectMany(c => c.Tags)))
        {
            links.Add((Tag, tag));
        }

        foreach (var term in d.GlossaryTerms.Concat(d.Columns.SelectMany(c => c.GlossaryTerms)))
        {
            links.Add((Term, term));
        }

        foreach (var owner in d.Owners)
        {
            links.Add((Owner, owner.Owner));
        }

        if (d.Domain is not null)
        {
            links.Add((Domain, d.Domain));
        }

        return links;
    }
}
