using TownLake.Catalog.Datasets;
using TownLake.Catalog.Demo;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Governance;

/// <summary>
/// Gives the demo warehouse a realistic governance state on its first start, so every part of the flow can be tried at
/// once: most datasets approved with their columns, the columns the demo labels as personal data classified (redacted
/// for everyone without a READ_PII grant), one raw table (<see cref="PendingTable"/>) still pending review with its
/// findings, and one column (<see cref="PendingColumn"/>) that "just appeared" on an approved table.
/// </summary>
public sealed class DemoGovernance(IGovernanceStore store, DatasetService datasets, GovernanceRegistrar registrar, ILogger<DemoGovernance> logger)
{
    /// <summary>The reviewer the demo's approvals are recorded under.</summary>
    public const string Reviewer = "townlake-demo";

    /// <summary>The raw table left pending review.</summary>
    public const string PendingTable = "demo.raw.customers_crm";

    /// <summary>The approved table and its column left pending, as if the source had just added it.</summary>
    public static readonly (string Dataset, string Column) PendingColumn = ("demo.dim.zones", "created_date");

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var probe = await store.GetPolicyAsync(Urn.Dataset(DatasetName.Parse("demo.dim.accounts")), cancellationToken);
        if (probe.Review is { } review && review.Reviewer != GovernanceRegistrar.Actor)
        {
            return;
        }

        foreach (var table in DemoWarehouseModel.Tables)
        {
            var dataset = await datasets.FindByNameAsync(table.Name, cancellationToken);
            if (dataset is null)
            {
                continue;
            }

            await registrar.RegisterAsync(dataset, cancellationToken);
            var findings = table.Columns
                .Where(c => c.Value.Tags?.Contains("pii") == true && dataset.FindColumn(c.Key) is not null)
                .Select(c => new ColumnFinding(c.Key, CategoryOf(c.Key), 0.95, ["column-name-hint", "catalog-tag:pii"], 1.0))
                .ToList();
            await store.RecordScannerFindingsAsync(dataset.Urn, findings, cancellationToken);
            if (table.Name == PendingTable)
            {
                continue;
            }

            await store.ReviewDatasetAsync(dataset.Urn, ReviewState.Approved, Reviewer, "demo: curated and reviewed", alsoPendingColumns: true, cancellationToken);
            if (table.Name == PendingColumn.Dataset && dataset.FindColumn(PendingColumn.Column) is not null)
            {
                await store.ReviewColumnAsync(dataset.Urn, PendingColumn.Column, ReviewState.Pending, GovernanceRegistrar.Actor, "new column", cancellationToken);
            }
        }

        logger.LogInformation("Demo governance applied: {Pending} pending review, column {Column} of {Dataset} pending", PendingTable, PendingColumn.Column, PendingColumn.Dataset);
    }

    private static PiiCategory CategoryOf(string column) =>
        column.Contains("email", StringComparison.OrdinalIgnoreCase) ? PiiCategory.Email
        : column.Contains("phone", StringComparison.OrdinalIgnoreCase) ? PiiCategory.Phone
        : column.Contains("name", StringComparison.OrdinalIgnoreCase) ? PiiCategory.PersonName
        : PiiCategory.UserIdentifier;
}
