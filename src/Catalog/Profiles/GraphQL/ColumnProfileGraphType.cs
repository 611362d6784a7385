using GraphQL.Types;

namespace TownLake.Catalog.Profiles.GraphQL;

/// <summary>A column's profile as one caller may see it.</summary>
public sealed record ColumnProfileView(ColumnProfile Profile, bool Redacted);

/// <summary>GraphQL type of a column's profile.</summary>
public sealed class ColumnProfileGraphType : ObjectGraphType<ColumnProfileView>
{
    public ColumnProfileGraphType()
    {
        Name = "ColumnProfile";
        Description = "A column's statistics over the profiled rows (a sample when the dataset profile says sampled). Values are text as the engine prints them.";
        Field<NonNullGraphType<LongGraphType>>("nullCount").Description("Profiled rows where the column is NULL.").Resolve(c => c.Source.Profile.NullCount);
        Field<FloatGraphType>("nullFraction").Description("Share of profiled rows where the column is NULL, 0 to 1; null when no rows were profiled.").Resolve(c => c.Source.Profile.NullFraction);
        Field<LongGraphType>("distinctCount").Description("Distinct non-null values; approximate when distinctApproximate is true.").Resolve(c => c.Source.Profile.DistinctCount);
        Field<NonNullGraphType<BooleanGraphType>>("distinctApproximate").Description("True when distinctCount is a HyperLogLog estimate over a sample rather than an exact count.").Resolve(c => c.Source.Profile.DistinctApproximate);
        Field<StringGraphType>("min").Description("Smallest value; null when redacted or when the column has no values.").Resolve(c => c.Source.Profile.Min);
        Field<StringGraphType>("max").Description("Largest value; null when redacted or when the column has no values.").Resolve(c => c.Source.Profile.Max);
        Field<FloatGraphType>("mean").Description("Mean, for numbers.").Resolve(c => c.Source.Profile.Mean);
        Field<FloatGraphType>("stddev").Description("Sample standard deviation, for numbers.").Resolve(c => c.Source.Profile.Stddev);
        Field<IntGraphType>("minLength").Description("Shortest value in characters, for text.").Resolve(c => c.Source.Profile.MinLength);
        Field<IntGraphType>("maxLength").Description("Longest value in characters, for text.").Resolve(c => c.Source.Profile.MaxLength);
        Field<FloatGraphType>("meanLength").Description("Mean length in characters, for text.").Resolve(c => c.Source.Profile.MeanLength);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ValueCountGraphType>>>>("topValues").Description("The most frequent non-null values with their counts, most frequent first; empty when redacted.").Resolve(c => c.Source.Profile.TopValues);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HistogramBinGraphType>>>>("histogram").Description("Equal-width buckets from min to max, for numbers and dates; empty when redacted or not applicable.").Resolve(c => c.Source.Profile.Histogram);
        Field<NonNullGraphType<BooleanGraphType>>("redacted").Description("True when values read from the data (min, max, top values, histogram) are withheld because the column holds personal data the caller may not see.").Resolve(c => c.Source.Redacted);
    }
}

/// <summary>GraphQL type of a value and its count.</summary>
public sealed class ValueCountGraphType : ObjectGraphType<ValueCount>
{
    public ValueCountGraphType()
    {
        Name = "ValueCount";
        Description = "A value and how many profiled rows hold it.";
        Field<StringGraphType>("value").Description("The value as text (long values are cut at 200 characters).").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<LongGraphType>>("count").Description("Profiled rows holding the value.").Resolve(c => c.Source.Count);
    }
}

/// <summary>GraphQL type of a histogram bucket.</summary>
public sealed class HistogramBinGraphType : ObjectGraphType<HistogramBin>
{
    public HistogramBinGraphType()
    {
        Name = "HistogramBin";
        Description = "One equal-width bucket of a histogram: profiled rows with values from lower (inclusive) up to upper (exclusive, inclusive for the last bucket).";
        Field<NonNullGraphType<StringGraphType>>("lower").Description("The bucket's lower bound.").Resolve(c => c.Source.Lower);
        Field<NonNullGraphType<StringGraphType>>("upper").Description("The bucket's upper bound.").Resolve(c => c.Source.Upper);
        Field<NonNullGraphType<LongGraphType>>("count").Description("Profiled rows in the bucket.").Resolve(c => c.Source.Count);
    }
}
