using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Documentation.GraphQL;

/// <summary>GraphQL type of a documentation page.</summary>
public sealed class DocumentGraphType : ObjectGraphType<Document>
{
    public DocumentGraphType()
    {
        Name = "Document";
        Description = "A documentation page in Markdown, linked to the datasets it explains.";
        this.AddEntityFields();
        Field(d => d.Body).Description("The page, in Markdown.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetGraphType>>>>("relatedDatasets").Description("The datasets the page explains.")
            .Resolve(c => c.LoadMany<Dataset>(c.Source.RelatedDatasets.Select(d => Urn.Dataset(DatasetName.Parse(d))), null));
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When the page last changed.").Resolve(c => c.Source.UpdatedAt.UtcDateTime);
    }
}

/// <summary>The documentation queries and mutations of the GraphQL schema.</summary>
public static class DocumentOperations
{
    /// <summary>Adds <c>documents</c> to the dataset type: the pages that name the dataset among those they explain (its data-model pages).</summary>
    public static void AddDocumentsField(this ObjectGraphType<Dataset> dataset)
    {
        dataset.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DocumentGraphType>>>>("documents")
            .Description("The documentation and data-model pages that explain this dataset, by title.")
            .ResolveAsync(async c =>
            {
                // Pages are few next to datasets, and a page lists its datasets by canonical name: one read, filtered here.
                var name = c.Source.Name;
                var pages = await c.Service<IEntityStore>().ListAsync<Document>(EntityType.Document, false, c.CancellationToken);
                return pages.Where(p => p.RelatedDatasets.Contains(name, StringComparer.Ordinal)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
            });
    }

    public static void AddDocumentQueries(this ObjectGraphType query)
    {
        query.Field<DocumentGraphType>("document").Description("One documentation page by URN; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The page's URN.")
            .ResolveAsync(async c => await c.Service<IEntityStore>().GetAsync<Document>(c.GetArgument<string>("urn"), c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DocumentGraphType>>>>("documents").Description("Every documentation page, by title.")
            .ResolveAsync(async c => await c.Service<IEntityStore>().ListAsync<Document>(EntityType.Document, false, c.CancellationToken));
    }

    public static void AddDocumentMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DocumentGraphType>>("upsertDocument").Description("Creates or replaces a documentation page (keyed by its title); search finds it within a second.")
            .Argument<NonNullGraphType<StringGraphType>>("title", "The page's title.")
            .Argument<NonNullGraphType<StringGraphType>>("body", "The page, in Markdown.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("relatedDatasets", "Names of the datasets it explains.")
            .ResolveAsync(async c => await c.Service<DocumentService>().UpsertAsync(
                c.GetArgument<string>("title"), c.GetArgument<string>("body"), c.GetArgument<List<string>?>("relatedDatasets"), c.Caller(), c.CancellationToken));
    }
}
