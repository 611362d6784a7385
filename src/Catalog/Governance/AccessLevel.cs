namespace TownLake.Catalog.Governance;

/// <summary>What a grant allows: read the dataset with PII redacted, or read it with PII unlockable on request.</summary>
public enum AccessLevel
{
    Read,
    ReadPii,
}
