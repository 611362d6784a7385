using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Lineage.Dbt;

namespace TownLake.Catalog.Lineage.GraphQL;

/// <summary>The lineage queries and mutations of the GraphQL schema, and the lineage counts on <c>Dataset</c>.</summary>
public static class LineageOperations
{
    public static void AddLineageQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<LineageGraphGraphType>>("lineage").Description("The lineage around a dataset: cycle-safe, up to a depth and a node cap.")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The dataset's URN.")
            .Argument<LineageDirectionEnum>("direction", "Which way to walk (default BOTH).", a => a.DefaultValue = LineageDirection.Both)
            .Argument<IntGraphType>("depth", "How many steps (default 3, at most 50).", a => a.DefaultValue = 3)
            .Argument<BooleanGraphType>("columns", "Include column nodes and edges (default false).", a => a.DefaultValue = false)
            .Argument<IntGraphType>("maxNodes", "Stop after this many datasets (default 1000, at most 10000).", a => a.DefaultValue = 1000)
            .ResolveAsync(async c => await c.Service<LineageService>().GetGraphAsync(c.GetArgument<string>("urn"), c.GetArgument("direction", LineageDirection.Both),
                c.GetArgument("depth", 3), c.GetArgument("columns", false), c.GetArgument("maxNodes", 1000), c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImpactedItemGraphType>>>>("impact").Description("Every downstream dataset (or column) a change would affect, nearest first, with owners.")
            .Argument<NonNullGraphType<IdGraphType>>("urn", "The changed dataset's URN.")
            .Argument<StringGraphType>("column", "A column, for column-level impact.")
            .Argument<IntGraphType>("depth", "How many steps downstream (default 10).", a => a.DefaultValue = 10)
            .ResolveAsync(async c => await c.Service<LineageService>().ImpactAsync(c.GetArgument<string>("urn"), c.GetArgument<string?>("column"), c.GetArgument("depth", 10), c.CancellationToken));
        query.Field<ListGraphType<NonNullGraphType<LineageEdgeGraphType>>>("lineagePath").Description("The shortest chain of edges between two datasets (either direction); null when unconnected.")
            .Argument<NonNullGraphType<IdGraphType>>("from", "One dataset's URN.")
            .Argument<NonNullGraphType<IdGraphType>>("to", "The other dataset's URN.")
            .ResolveAsync(async c => await c.Service<LineageService>().PathAsync(c.GetArgument<string>("from"), c.GetArgument<string>("to"), c.CancellationToken));
        Runs.GraphQL.JobOperations.AddJobQueries(query);
        Impact.GraphQL.SchemaChangeImpactOperations.AddSchemaChangeImpactQueries(query);
    }

    public static void AddLineageMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<DbtIngestionSummaryGraphType>>("ingestDbtManifest").Description("Reads a dbt manifest.json (and catalog.json) into datasets and lineage.")
            .Argument<NonNullGraphType<JsonGraphType>>("manifest", "The content of target/manifest.json.")
            .Argument<JsonGraphType>("catalog", "The content of target/catalog.json, for column types.")
            .Argument<StringGraphType>("connection", "Put the datasets under this connection instead of their dbt database.")
            .ResolveAsync(async c => await c.Service<DbtManifestIngestor>().IngestAsync(ToNode(c.GetArgument<object?>("manifest")), ToNode(c.GetArgument<object?>("catalog")),
                c.GetArgument<string?>("connection"), c.Caller(), c.CancellationToken));
    }

    /// <summary>Adds <c>upstreamCount</c> and <c>downstreamCount</c> to the dataset type.</summary>
    public static void AddLineageCounts(this ObjectGraphType<Dataset> dataset)
    {
        dataset.Field<NonNullGraphType<IntGraphType>>("upstreamCount").Description("Datasets this one is directly derived from.")
            .Resolve(c => c.Loader<LineageCountsLoader>().Load(c.Source.Urn).Then(counts => counts.Upstream));
        dataset.Field<NonNullGraphType<IntGraphType>>("downstreamCount").Description("Datasets directly derived from this one.")
            .Resolve(c => c.Loader<LineageCountsLoader>().Load(c.Source.Urn).Then(counts => counts.Downstream));
        Runs.GraphQL.JobOperations.AddDatasetJobFields(dataset);
    }

    /// <summary>A JSON argument as a node, whatever shape the serializer handed it over in (JSON text is parsed).</summary>
    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node,
        string text when text.TrimStart().StartsWith('{') => ParseText(text),
        _ => JsonSerializer.SerializeToNode(value),
    };

    private static JsonNode? ParseText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw Identity.CatalogException.BadInput($"The JSON argument is not valid JSON: {e.Message}");
        }
    }
}
