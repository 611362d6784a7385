using GraphQL.Types;

namespace TownLake.Catalog.Connections.GraphQL;

/// <summary>GraphQL type of what one ingestion did.</summary>
public sealed class IngestionSummaryGraphType : ObjectGraphType<IngestionSummary>
{
    public IngestionSummaryGraphType()
    {
        Name = "IngestionSummary";
        Description = "What one ingestion of a connection changed in the catalog.";
        Field(s => s.Connection).Description("The connection ingested.");
        Field(s => s.Added).Description("Datasets new to the catalog (or back after having vanished).");
        Field(s => s.Changed).Description("Datasets whose metadata changed.");
        Field(s => s.Removed).Description("Datasets the source no longer has; soft-deleted.");
        Field(s => s.Unchanged).Description("Datasets seen again exactly as stored.");
        Field(s => s.Columns).Description("Columns over every dataset read.");
        Field<NonNullGraphType<IntGraphType>>("durationMs").Description("How long extraction and saving took, in milliseconds.")
            .Resolve(c => (int)Math.Min(int.MaxValue, c.Source.Duration.TotalMilliseconds));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings").Description("Objects the source could not describe; the rest was ingested.")
            .Resolve(c => c.Source.Warnings);
    }
}
