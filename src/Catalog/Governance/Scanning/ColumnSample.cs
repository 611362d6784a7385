namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// What a detector sees of one column: where it lives, what the catalog says about it, and its sampled values as text
/// (null for SQL NULL). It lives only while the column is classified; nothing in it is ever stored.
/// </summary>
/// <param name="Table">The table's own name (<c>customers</c>), a hint for columns like <c>id</c> and <c>name</c>.</param>
/// <param name="Name">The column name as the source spells it.</param>
/// <param name="NativeType">The source's type name (<c>VARCHAR</c>, <c>DATE</c>…), when known.</param>
/// <param name="Comment">The column's description or source comment, when any.</param>
/// <param name="Values">Sampled values, one per row.</param>
/// <param name="SampledOn">The day of the sample: ages (date-of-birth plausibility) are computed against it.</param>
public sealed record ColumnSample(string Table, string Name, string? NativeType, string? Comment, IReadOnlyList<string?> Values, DateOnly SampledOn)
{
    private string[]? _present;

    /// <summary>True when the column is its table's primary key (or part of it).</summary>
    public bool IsPrimaryKey { get; init; }

    /// <summary>The non-null, non-blank values, in sample order.</summary>
    public IReadOnlyList<string> Present => _present ??= Values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray();
}
