namespace TownLake.Catalog.Governance.Scanning;

/// <summary>Where a piece of evidence about a column comes from.</summary>
public enum EvidenceKind
{
    /// <summary>The sampled values (a pattern with its validator, a dictionary, a distribution).</summary>
    Values,

    /// <summary>The column's name (or its table's name for <c>id</c>-like columns).</summary>
    Name,

    /// <summary>The column's description or source comment.</summary>
    Comment,

    /// <summary>The name says the column is a known look-alike (version, SKU, hash, checksum…), arguing against weak value evidence.</summary>
    LookAlike,
}
