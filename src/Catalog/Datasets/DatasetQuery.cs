namespace TownLake.Catalog.Datasets;

/// <summary>A dataset browse request: filters, an order and a keyset cursor.</summary>
public sealed record DatasetQuery
{
    public string? Catalog { get; init; }
    public string? Schema { get; init; }
    public string? Platform { get; init; }
    public string? Tag { get; init; }
    public string? Owner { get; init; }
    public string? Domain { get; init; }
    public string? GlossaryTerm { get; init; }
    public bool IncludeRemoved { get; init; }

    /// <summary>Leaves out datasets marked deprecated.</summary>
    public bool ExcludeDeprecated { get; init; }

    public DatasetOrder Order { get; init; } = DatasetOrder.Name;
    public int First { get; init; } = 50;

    /// <summary>The name of the last dataset of the previous page (decoded cursor).</summary>
    public string? AfterName { get; init; }

    /// <summary>
    /// The sort key of the last dataset of the previous page (<see cref="DatasetPage.SortKeys"/>); required with
    /// <see cref="AfterName"/> for every order but <see cref="DatasetOrder.Name"/>.
    /// </summary>
    public long? AfterSortKey { get; init; }
}
