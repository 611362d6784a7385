namespace TownLake.Catalog.Governance;

/// <summary>The review state of a dataset or one of its columns, who set it, when, and why.</summary>
/// <param name="State">The state in force.</param>
/// <param name="Reviewer">Who decided; for a dataset that appeared, the system actor that registered it (<c>townlake</c>).</param>
/// <param name="At">When it was set.</param>
/// <param name="Note">The reviewer's note, or what registered it (e.g. "new column", "connection opened by setting").</param>
public sealed record Review(ReviewState State, string Reviewer, DateTimeOffset At, string? Note);
