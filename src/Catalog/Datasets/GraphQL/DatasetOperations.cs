using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Datasets.GraphQL;

/// <summary>The dataset queries and mutations of the GraphQL schema.</summary>
public static class DatasetOperations
{
    public static void AddDatasetQueries(this ObjectGraphType query)
    {
        query.Field<DatasetGraphType>("dataset").Description("One dataset by name (catalog.schema.table) or URN; null when unknown.")
            .Argument<StringGraphType>("name", "The dataset's three-part name.")
            .Argument<IdGraphType>("urn", "The dataset's URN.")
            .ResolveAsync(async c =>
            {
                var urn = DatasetUrn(c.GetArgument<string?>("name"), c.GetArgument<string?>("urn"));
                return await c.Service<IEntityStore>().GetAsync<Dataset>(urn, c.CancellationToken);
            });
        query.Field<NonNullGraphType<DatasetConnectionGraphType>>("datasets").Description("Browse datasets, filtered and sorted, a page at a time.")
            .Argument<DatasetFilterInputType>("filter", "Filters; all given must match.")
            .Argument<DatasetOrderEnum>("orderBy", "The sort order (default NAME); ties are broken by name.", a => a.DefaultValue = DatasetOrder.Name)
            .Argument<IntGraphType>("first", "Page size (default 50, at most 1000).", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after", "Continue after this cursor (from a page read with the same orderBy).")
            .ResolveAsync(async c =>
            {
                var filter = c.GetArgument<DatasetFilterInput?>("filter") ?? new DatasetFilterInput();
                var order = c.GetArgument("orderBy", DatasetOrder.Name);
                var after = DatasetCursor.Decode(c.GetArgument<string?>("after"), order);
                return await c.Service<IDatasetBrowseStore>().ListDatasetsAsync(new DatasetQuery
                {
                    Catalog = filter.Catalog,
                    Schema = filter.Schema,
                    Platform = filter.Platform,
                    Tag = filter.Tag,
                    Owner = filter.Owner,
                    Domain = filter.Domain,
                    GlossaryTerm = filter.GlossaryTerm,
                    IncludeRemoved = filter.IncludeRemoved ?? false,
                    ExcludeDeprecated = filter.ExcludeDeprecated ?? false,
                    Order = order,
                    First = c.GetArgument("first", 50),
                    AfterName = after?.Name,
                    AfterSortKey = after?.SortKey,
                }, c.CancellationToken);
            });
    }

    public static void AddDatasetMutations(this ObjectGraphType mutation)
    {
        Dataset(mutation, "upsertDataset", "Creates or updates a full dataset (the ingestion path).")
            .Argument<NonNullGraphType<DatasetInputType>>("input", "The dataset.")
            .ResolveAsync(async c => await c.Service<DatasetService>().UpsertAsync(c.GetArgument<DatasetUpsertInput>("input").ToUpsert(), c.Caller(), c.CancellationToken));
        Dataset(mutation, "updateDescription", "Sets a person's description of a dataset, or of one of its columns.")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The dataset.")
            .Argument<StringGraphType>("column", "A column name, to describe the column.")
            .Argument<NonNullGraphType<StringGraphType>>("description", "The new description (Markdown).")
            .ResolveAsync(async c => await c.Service<DatasetService>().UpdateDescriptionAsync(c.GetArgument<string>("urn"), c.GetArgument<string?>("column"), c.GetArgument<string>("description"), c.Caller(), c.CancellationToken));
        Names(Dataset(mutation, "addTags", "Adds tags to a dataset or one of its columns (tags are created when new)."), "tags")
            .ResolveAsync(async c => await c.Service<DatasetService>().AddTagsAsync(c.GetArgument<string>("urn"), c.GetArgument<List<string>>("tags"), c.GetArgument<string?>("column"), c.Caller(), c.CancellationToken));
        Names(Dataset(mutation, "removeTags", "Removes tags from a dataset or one of its columns."), "tags")
            .ResolveAsync(async c => await c.Service<DatasetService>().RemoveTagsAsync(c.GetArgument<string>("urn"), c.GetArgument<List<string>>("tags"), c.GetArgument<string?>("column"), c.Caller(), c.CancellationToken));
        Names(Dataset(mutation, "addGlossaryTerms", "Attaches existing glossary terms to a dataset or one of its columns."), "terms")
            .ResolveAsync(async c => await c.Service<DatasetService>().AddGlossaryTermsAsync(c.GetArgument<string>("urn"), c.GetArgument<List<string>>("terms"), c.GetArgument<string?>("column"), c.Caller(), c.CancellationToken));
        Names(Dataset(mutation, "removeGlossaryTerms", "Detaches glossary terms from a dataset or one of its columns."), "terms")
            .ResolveAsync(async c => await c.Service<DatasetService>().RemoveGlossaryTermsAsync(c.GetArgument<string>("urn"), c.GetArgument<List<string>>("terms"), c.GetArgument<string?>("column"), c.Caller(), c.CancellationToken));
        Dataset(mutation, "addOwners", "Adds owners (an owner added again gets the new ownership type).")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The dataset.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<OwnerInputType>>>>("owners", "The owners.")
            .ResolveAsync(async c => await c.Service<DatasetService>().AddOwnersAsync(c.GetArgument<string>("urn"), c.GetArgument<List<OwnerInput>>("owners").Select(o => o.ToOwnership()).ToList(), c.Caller(), c.CancellationToken));
        Dataset(mutation, "removeOwners", "Removes owners by name.")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The dataset.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("owners", "Owner names.")
            .ResolveAsync(async c => await c.Service<DatasetService>().RemoveOwnersAsync(c.GetArgument<string>("urn"), c.GetArgument<List<string>>("owners"), c.Caller(), c.CancellationToken));
        Dataset(mutation, "setDomain", "Puts a dataset in a domain (created when new), or takes it out with null.")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The dataset.")
            .Argument<StringGraphType>("domain", "The domain's name, or null.")
            .ResolveAsync(async c => await c.Service<DatasetService>().SetDomainAsync(c.GetArgument<string>("urn"), c.GetArgument<string?>("domain"), c.Caller(), c.CancellationToken));
        Dataset(mutation, "deprecate", "Marks a dataset deprecated (with a note for its users), or not.")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The dataset.")
            .Argument<NonNullGraphType<BooleanGraphType>>("deprecated", "True to deprecate, false to undo.")
            .Argument<StringGraphType>("note", "What to use instead, or why.")
            .ResolveAsync(async c => await c.Service<DatasetService>().DeprecateAsync(c.GetArgument<string>("urn"), c.GetArgument<bool>("deprecated"), c.GetArgument<string?>("note"), c.Caller(), c.CancellationToken));
        Dataset(mutation, "deleteDataset", "Soft-deletes a dataset: it leaves browse and search but keeps its history.")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The dataset.")
            .ResolveAsync(async c => await c.Service<DatasetService>().DeleteAsync(c.GetArgument<string>("urn"), c.Caller(), c.CancellationToken));
    }

    /// <summary>The URN named by a name or a URN argument (exactly one of them).</summary>
    public static string DatasetUrn(string? name, string? urn)
    {
        if ((name is null) == (urn is null))
        {
            throw CatalogException.BadInput("Give exactly one of 'name' or 'urn'.");
        }

        return urn is not null ? Urn.Dataset(Urn.DatasetNameOf(urn)) : Urn.Dataset(DatasetName.Parse(name));
    }

    private static FieldBuilder<object?, object> Dataset(ObjectGraphType mutation, string name, string description) =>
        mutation.Field<NonNullGraphType<DatasetGraphType>>(name).Description(description);

    private static FieldBuilder<object?, object> Names(FieldBuilder<object?, object> field, string listName) => field
        .Argument<NonNullGraphType<IdGraphType>>("urn", "The dataset.")
        .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>(listName, "Names.")
        .Argument<StringGraphType>("column", "A column name, to change the column instead of the dataset.");
}
