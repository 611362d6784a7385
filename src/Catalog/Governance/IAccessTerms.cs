namespace TownLake.Catalog.Governance;

/// <summary>What a grant gives or a request asks for: a level of access to a dataset, optionally only some columns.</summary>
public interface IAccessTerms
{
    string Id { get; }

    string DatasetUrn { get; }

    /// <summary>Columns covered; empty means all.</summary>
    IReadOnlyList<string> Columns { get; }

    AccessLevel Level { get; }
}
