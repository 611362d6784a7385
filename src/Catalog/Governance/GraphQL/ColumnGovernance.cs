namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>One column as the review queue shows it: its state, review and classification.</summary>
public sealed record ColumnGovernance(string Name, ReviewState State, Review? Review, ColumnClassification? Classification);

/// <summary>A dataset in the review queue (or after a review) with its policy.</summary>
public sealed record ReviewItem(Datasets.Dataset Dataset, DatasetPolicy Policy)
{
    public IReadOnlyList<ColumnGovernance> Columns => Dataset.Columns.OrderBy(c => c.Ordinal)
        .Select(c => new ColumnGovernance(c.Name, Policy.ColumnState(c.Name), Policy.Columns.GetValueOrDefault(c.Name), Policy.Classification(c.Name)))
        .ToList();
}

/// <summary>A caller's access to a dataset, with whether hidden column names may be shown to them (reviewers and curators: owners, stewards, admins).</summary>
public sealed record AccessView(DatasetAccess Access, bool ShowHiddenNames);
