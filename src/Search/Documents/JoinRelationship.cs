namespace TownLake.Search.Documents;

/// <summary>A foreign key from this dataset to another one, as the caller knows it.</summary>
/// <param name="TargetUrn">URN of the referenced dataset.</param>
/// <param name="Columns">Columns of this dataset that hold the key.</param>
/// <param name="TargetColumns">Referenced columns of the target dataset.</param>
public sealed record JoinRelationship(
    string TargetUrn,
    IReadOnlyList<string>? Columns = null,
    IReadOnlyList<string>? TargetColumns = null);
