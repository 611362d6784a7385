namespace TownLake.Catalog.Governance;

/// <summary>
/// What one caller may do with one dataset, as <see cref="AccessEvaluator"/> decided: whether it can be queried (and
/// if not, why and how to ask), which columns exist for the caller, which of those are PII (redacted unless unlocked),
/// and which the caller may unlock.
/// </summary>
public sealed record DatasetAccess
{
    public required string DatasetUrn { get; init; }
    public required string DatasetName { get; init; }
    public required ReviewState State { get; init; }
    public required bool CanQuery { get; init; }

    /// <summary>Why the caller cannot query it (null when they can).</summary>
    public string? Denial { get; init; }

    /// <summary>How to get access: the request to make (always set, so a front door can show it).</summary>
    public required string Request { get; init; }

    /// <summary>Columns that exist for the caller's queries, in the dataset's order.</summary>
    public required IReadOnlyList<string> VisibleColumns { get; init; }

    /// <summary>Columns waiting for review (hidden).</summary>
    public required IReadOnlyList<string> PendingColumns { get; init; }

    /// <summary>Columns a reviewer denied (hidden).</summary>
    public required IReadOnlyList<string> DeniedColumns { get; init; }

    /// <summary>Visible columns classified as personal or secret data (redacted unless unlocked).</summary>
    public required IReadOnlyList<string> PiiColumns { get; init; }

    /// <summary>PII columns the caller holds an unexpired READ_PII grant for (and so may unlock with a reason).</summary>
    public required IReadOnlyList<string> UnlockableColumns { get; init; }

    /// <summary>True when the caller may unlock every PII column of the dataset.</summary>
    public bool CanSeePii => PiiColumns.Count > 0 && PiiColumns.All(c => UnlockableColumns.Contains(c, StringComparer.OrdinalIgnoreCase));

    /// <summary>True when a column is hidden for the caller (pending, denied, or outside their column grant).</summary>
    public bool IsHidden(string column) => !VisibleColumns.Contains(column, StringComparer.OrdinalIgnoreCase);

    /// <summary>Why a column is hidden, for the error a query naming it gets.</summary>
    public string HiddenReason(string column) =>
        PendingColumns.Contains(column, StringComparer.OrdinalIgnoreCase) ? "it is pending review"
        : DeniedColumns.Contains(column, StringComparer.OrdinalIgnoreCase) ? "a reviewer denied it"
        : "it is outside your grant";
}
