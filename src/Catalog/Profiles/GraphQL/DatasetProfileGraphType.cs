using GraphQL.Types;

namespace TownLake.Catalog.Profiles.GraphQL;

/// <summary>GraphQL type of a dataset's latest profile.</summary>
public sealed class DatasetProfileGraphType : ObjectGraphType<DatasetProfile>
{
    public DatasetProfileGraphType()
    {
        Name = "DatasetProfile";
        Description = "What the dataset's data looked like when it was last profiled. Column statistics are on each column's profile.";
        Field<LongGraphType>("rowCount").Description("Rows in the dataset: counted, or the source's estimate for a table too large to count cheaply.").Resolve(c => c.Source.RowCount);
        Field<NonNullGraphType<DateTimeGraphType>>("profiledAt").Description("When the profile was taken.").Resolve(c => c.Source.ProfiledAt.UtcDateTime);
        Field<NonNullGraphType<BooleanGraphType>>("sampled").Description("True when column statistics come from a random sample of sampleSize rows rather than every row.").Resolve(c => c.Source.Sampled);
        Field<NonNullGraphType<LongGraphType>>("sampleSize").Description("Rows the column statistics were computed on (every row when not sampled).").Resolve(c => c.Source.SampleSize);
        Field<StringGraphType>("freshnessColumn").Description("The dataset's main timestamp column, whose latest value is freshness.").Resolve(c => c.Source.FreshnessColumn);
        Field<DateTimeGraphType>("freshness").Description("The latest value of the main timestamp column over the whole dataset; null when it has none.").Resolve(c => c.Source.Freshness?.UtcDateTime);
    }
}
