namespace TownLake.Catalog.Identity;

/// <summary>
/// Builds and reads TownLake URNs (<c>urn:tl:&lt;type&gt;:&lt;key&gt;</c>), modelled on DataHub's <c>urn:li:…</c>:
/// stable identifiers derived from an entity's unique name.
/// </summary>
public static class Urn
{
    public const string Prefix = "urn:tl:";

    public static string Dataset(DatasetName name) => $"{Prefix}dataset:{name}";
    public static string Tag(string name) => $"{Prefix}tag:{name}";
    public static string GlossaryTerm(string name) => $"{Prefix}glossaryTerm:{name}";
    public static string Domain(string name) => $"{Prefix}domain:{name}";
    public static string User(string name) => $"{Prefix}user:{name}";
    public static string Group(string name) => $"{Prefix}group:{name}";
    public static string Job(string @namespace, string name) => $"{Prefix}job:{@namespace}:{name}";
    public static string Document(string slug) => $"{Prefix}document:{slug}";

    public static string Column(string datasetUrn, string column) => $"{Prefix}schemaField:({datasetUrn},{column})";

    /// <summary>Reads the entity type and key of a URN, or fails with BAD_USER_INPUT.</summary>
    public static (EntityType Type, string Key) Parse(string? urn)
    {
        if (string.IsNullOrWhiteSpace(urn) || !urn.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw CatalogException.BadInput($"{InputEcho.Quote(urn)} is not a TownLake URN (expected urn:tl:<type>:<key>, e.g. urn:tl:dataset:demo.dim.accounts).");
        }

        var rest = urn[Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == rest.Length - 1)
        {
            throw CatalogException.BadInput($"{InputEcho.Quote(urn)} has no type or key.");
        }

        var type = rest[..colon] switch
        {
            "dataset" => EntityType.Dataset,
            "tag" => EntityType.Tag,
            "glossaryTerm" => EntityType.GlossaryTerm,
            "domain" => EntityType.Domain,
            "user" => EntityType.User,
            "group" => EntityType.Group,
            "job" => EntityType.Job,
            "document" => EntityType.Document,
            "schemaField" => EntityType.Column,
            var other => throw CatalogException.BadInput($"{InputEcho.Quote(urn)} names an unknown entity type {InputEcho.Quote(other)}."),
        };
        return (type, rest[(colon + 1)..]);
    }

    /// <summary>The dataset name inside a dataset URN.</summary>
    public static DatasetName DatasetNameOf(string urn)
    {
        var (type, key) = Parse(urn);
        if (type != EntityType.Dataset)
        {
            throw CatalogException.BadInput($"{InputEcho.Quote(urn)} is not a dataset URN.");
        }

        return DatasetName.Parse(key);
    }
}
