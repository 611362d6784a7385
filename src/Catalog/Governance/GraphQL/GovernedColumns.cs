using GraphQL;
using GraphQL.DataLoader;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>
/// The columns of a dataset a caller may know exist: pending and denied columns are left out for everyone but the
/// reviewers and the people who curate the dataset's metadata (its owners, stewards, admins), who decide on them or
/// document them (their names alone can say what a table holds).
/// </summary>
public static class GovernedColumns
{
    /// <summary>The dataset's columns as the resolver's caller may see them, in source order.</summary>
    public static IDataLoaderResult<IReadOnlyList<SchemaField>> Visible(IResolveFieldContext context, Dataset dataset)
    {
        var caller = context.Caller();
        if (SeesHidden(context, dataset))
        {
            return new PendingResult<IReadOnlyList<SchemaField>>(_ => Task.FromResult(dataset.Columns));
        }

        return context.Loader<DatasetAccessLoader>().Load(caller, dataset)
            .Then(access => (IReadOnlyList<SchemaField>)dataset.Columns.Where(c => !IsUnreviewed(access, c.Name)).ToList());
    }

    /// <summary>True when the caller reviews or curates the dataset, and so sees its pending and denied columns.</summary>
    public static bool SeesHidden(IResolveFieldContext context, Dataset dataset)
    {
        var caller = context.Caller();
        return context.Service<GovernanceService>().IsReviewer(caller) || caller.CanEditDataset(dataset);
    }

    /// <summary>True when the column waits for review or was denied (not when it is merely outside a column grant).</summary>
    public static bool IsUnreviewed(DatasetAccess access, string column) =>
        access.PendingColumns.Contains(column, StringComparer.OrdinalIgnoreCase) || access.DeniedColumns.Contains(column, StringComparer.OrdinalIgnoreCase);
}
