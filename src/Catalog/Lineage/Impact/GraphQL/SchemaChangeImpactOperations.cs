using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.History;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.Impact.GraphQL;

/// <summary>The <c>schemaChangeImpact</c> query and the impact on a history entry of a schema change.</summary>
public static class SchemaChangeImpactOperations
{
    public const int MaxFirst = 100;

    public static void AddSchemaChangeImpactQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SchemaChangeImpactGraphType>>>>("schemaChangeImpact")
            .Description("What a dataset's schema changes (columns dropped, renamed, retyped) reached downstream, newest first.")
            .Argument<NonNullGraphType<StringGraphType>>("dataset", "The dataset's name (catalog.schema.table) or URN.")
            .Argument<IntGraphType>("first", $"How many changes (default 10, at most {MaxFirst}).", a => a.DefaultValue = 10)
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 10);
                if (first is < 1 or > MaxFirst)
                {
                    throw CatalogException.BadInput($"first must be between 1 and {MaxFirst}.");
                }

                var dataset = await ResolveDatasetAsync(c.Service<DatasetService>(), c.GetArgument<string>("dataset"), c.CancellationToken);
                return await c.Service<ISchemaChangeImpactStore>().ListSchemaChangeImpactsAsync(dataset.Urn, first, c.CancellationToken);
            });
    }

    /// <summary>Adds <c>schemaChangeImpact</c> to a history entry: set on the entry of a schema change that broke a column.</summary>
    public static void AddSchemaChangeImpactField(ObjectGraphType<ChangeEvent> changeEvent)
    {
        changeEvent.Field<SchemaChangeImpactGraphType>("schemaChangeImpact")
            .Description("For a schema change that dropped, renamed or retyped columns: what it reached downstream.")
            .ResolveAsync(async c => c.Source.Aspect == "schema" && SchemaVersionOf(c.Source.After) is { } version
                ? await c.Service<ISchemaChangeImpactStore>().GetSchemaChangeImpactAsync(c.Source.Urn, version, c.CancellationToken)
                : null);
    }

    private static async Task<Dataset> ResolveDatasetAsync(DatasetService datasets, string reference, CancellationToken cancellationToken)
    {
        if (reference.Length > 1_000)
        {
            throw CatalogException.BadInput("dataset must be at most 1000 characters.");
        }

        return reference.StartsWith(Urn.Prefix, StringComparison.Ordinal)
            ? await datasets.GetAsync(Urn.Dataset(Urn.DatasetNameOf(reference)), cancellationToken)
            : await datasets.GetByNameAsync(reference, cancellationToken);
    }

    private static int? SchemaVersionOf(string? after)
    {
        if (after is null)
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(after);
            return document.RootElement.TryGetProperty("schemaVersion", out var version) || document.RootElement.TryGetProperty("SchemaVersion", out version)
                ? version.GetInt32()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
