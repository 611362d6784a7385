using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Profiles.GraphQL;

/// <summary>The profile fields on <c>Dataset</c> and <c>Column</c>, and the mutation that profiles a dataset now.</summary>
public static class ProfileOperations
{
    public static void AddProfileMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DatasetProfileGraphType>>("profileDataset")
            .Description("Profiles the dataset now, through its connection, and returns its new profile. Reads the source, so it needs the right to edit the dataset (admins, stewards, its owners).")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The dataset's name, e.g. demo.dim.customers.")
            .ResolveAsync(async c =>
            {
                var dataset = await c.Service<DatasetService>().GetByNameAsync(c.GetArgument<string>("name"), c.CancellationToken);
                c.Caller().EnsureCanEdit(dataset, "profile it");
                return await c.Service<DatasetProfiling>().ProfileAsync(dataset, c.CancellationToken);
            });
    }

    public static void AddProfileField(this ObjectGraphType<Dataset> dataset)
    {
        dataset.Field<DatasetProfileGraphType>("profile")
            .Description("The dataset's latest data profile (row count, sampling, freshness); null when it was never profiled. Column statistics are on Column.profile.")
            .Resolve(c => c.Loader<ProfilesLoader>().Load(c.Source.Urn));
    }

    public static void AddProfileField(this ObjectGraphType<ColumnOf> column)
    {
        column.Field<ColumnProfileGraphType>("profile")
            .Description("The column's statistics from the dataset's latest profile; null when never profiled or hidden from you. Values of personal data are redacted (see redacted) unless you hold a READ_PII grant for the column.")
            .Resolve(c =>
            {
                var (dataset, field) = (c.Source.Dataset, c.Source.Column);
                var seesHidden = Governance.GraphQL.GovernedColumns.SeesHidden(c, dataset);
                // Both loads are wanted now, so a whole level of columns shares one batch of each.
                var access = c.Loader<Governance.GraphQL.DatasetAccessLoader>().Load(c.Caller(), dataset);
                var profile = c.Loader<ProfilesLoader>().Load(dataset.Urn);
                return new PendingResult<ColumnProfileView?>(async cancellationToken =>
                {
                    var decided = await access.GetResultAsync(cancellationToken);
                    return (await profile.GetResultAsync(cancellationToken))?.Column(field.Name) is { } found
                        && ProfileVisibility.View(decided, seesHidden, field.Name, found) is var (visible, redacted)
                            ? new ColumnProfileView(visible, redacted)
                            : null;
                });
            });
    }
}
