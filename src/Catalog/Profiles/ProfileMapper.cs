using TownLake.Engine.Profiling;

namespace TownLake.Catalog.Profiles;

/// <summary>Maps the Engine's measurements onto the catalog's profile records.</summary>
public static class ProfileMapper
{
    public static DatasetProfile ToProfile(string datasetUrn, DateTimeOffset profiledAt, TableStatistics statistics) => new(
        datasetUrn,
        statistics.RowCount,
        profiledAt,
        statistics.Sampled,
        statistics.ProfiledRows,
        statistics.FreshnessColumn,
        statistics.Freshness,
        statistics.Columns.Select(c => new ColumnProfile(
            c.Name,
            c.NullCount,
            statistics.ProfiledRows == 0 ? null : (double)c.NullCount / statistics.ProfiledRows,
            c.DistinctCount,
            c.DistinctApproximate,
            c.Min,
            c.Max,
            c.Mean,
            c.Stddev,
            c.MinLength,
            c.MaxLength,
            c.MeanLength,
            c.TopValues.Select(v => new ValueCount(v.Value, v.Count)).ToList(),
            c.Histogram.Select(b => new HistogramBin(b.Lower, b.Upper, b.Count)).ToList())).ToList());
}
