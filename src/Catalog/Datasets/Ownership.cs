namespace TownLake.Catalog.Datasets;

/// <summary>An owner of a dataset: a user or a group, with the kind of ownership (DataHub's ownership types).</summary>
public sealed record Ownership(string Owner, OwnerKind Kind, OwnershipType Type);

/// <summary>Whether an owner is a user or a group.</summary>
public enum OwnerKind
{
    User,
    Group,
}

/// <summary>What an owner is responsible for.</summary>
public enum OwnershipType
{
    TechnicalOwner,
    BusinessOwner,
    DataSteward,
}
