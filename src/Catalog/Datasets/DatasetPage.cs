namespace TownLake.Catalog.Datasets;

/// <summary>One page of datasets with the total count of the filtered set.</summary>
public sealed record DatasetPage(IReadOnlyList<Dataset> Items, int TotalCount, bool HasNextPage)
{
    public DatasetOrder Order { get; init; } = DatasetOrder.Name;

    /// <summary>
    /// Each item's sort key under <see cref="Order"/> (last update in Unix milliseconds, or successful query count;
    /// 0 for the name order), parallel to <see cref="Items"/>: with the name it positions the next page.
    /// </summary>
    public IReadOnlyList<long> SortKeys { get; init; } = [];
}
