using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>A column's classification with its evidence (never sampled values).</summary>
public sealed class ClassificationGraphType : ObjectGraphType<ColumnClassification>
{
    public ClassificationGraphType()
    {
        Name = "ColumnClassification";
        Description = "What a column holds, as a scanner found or a person decided; evidence is detectors and match ratio, never values.";
        Field<NonNullGraphType<PiiCategoryEnum>>("category").Description("The category; NONE is not personal data.").Resolve(c => c.Source.Category);
        Field<NonNullGraphType<ClassificationSourceEnum>>("source").Description("SCANNER or PERSON.").Resolve(c => c.Source.Source);
        Field(x => x.Confidence).Description("0..1.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("detectors").Description("Detectors that fired.").Resolve(c => c.Source.Detectors);
        Field(x => x.MatchRatio).Description("Share of sampled non-null values the detectors matched.");
        Field(x => x.Confirmed).Description("True once a reviewer approved the column or a person classified it.");
        Field(x => x.ClassifiedBy).Description("The scanner or person.");
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("When.").Resolve(c => c.Source.At.UtcDateTime);
    }
}
