using System.Data.Common;
using System.Text.Json;
using Dapper;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

public abstract partial class RelationalCatalogStore
{
    public async Task<DatasetPolicy> ClassifyColumnAsync(string datasetUrn, string column, PiiCategory category, string person, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Now();
        await UpsertClassificationAsync(connection, transaction, datasetUrn,
            new ColumnClassification(column, category, ClassificationSource.Person, 1, [], 0, true, person, At(now)), cancellationToken);
        await AppendAsync(connection, transaction, new GovernanceEvent(0, At(now), person, GovernanceEventKind.ColumnClassified, datasetUrn, column, null,
            $"column {column} of {Urn.Parse(datasetUrn).Key} classified {Name(category)}" + (note is null ? "" : ": " + note)), cancellationToken);
        var policy = await ReadPolicyAsync(connection, transaction, datasetUrn, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return policy;
    }

    public async Task RecordScannerFindingsAsync(string datasetUrn, IReadOnlyList<ColumnFinding> findings, CancellationToken cancellationToken)
    {
        if (findings.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Now();
        var byPerson = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT column_name FROM governance_classifications WHERE dataset_urn = @datasetUrn AND source = @person",
            new { datasetUrn, person = Name(ClassificationSource.Person) }, transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var reviewed = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT column_name FROM governance_reviews WHERE dataset_urn = @datasetUrn", new { datasetUrn }, transaction, cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var recorded = 0;
        foreach (var finding in findings.DistinctBy(f => f.Column, StringComparer.OrdinalIgnoreCase))
        {
            if (!reviewed.Contains(finding.Column))
            {
                await UpsertReviewAsync(connection, transaction, datasetUrn, finding.Column, ReviewState.Pending, ScannerActor, now, "found by the scanner", cancellationToken);
            }

            if (byPerson.Contains(finding.Column))
            {
                continue;
            }

            await UpsertClassificationAsync(connection, transaction, datasetUrn, new ColumnClassification(
                finding.Column, finding.Category, ClassificationSource.Scanner, Math.Clamp(finding.Confidence, 0, 1),
                finding.Detectors, Math.Clamp(finding.MatchRatio, 0, 1), false, ScannerActor, At(now)), cancellationToken);
            recorded++;
        }

        var pii = findings.Count(f => f.Category != PiiCategory.None);
        await AppendAsync(connection, transaction, new GovernanceEvent(0, At(now), ScannerActor, GovernanceEventKind.ScannerFindings, datasetUrn, null, null,
            $"scanner classified {recorded} column(s) of {Urn.Parse(datasetUrn).Key} ({pii} personal or secret); {findings.Count - recorded} kept a person's classification"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Task UpsertClassificationAsync(DbConnection connection, DbTransaction transaction, string datasetUrn, ColumnClassification c, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO governance_classifications (dataset_urn, column_name, category, source, confidence, detectors, match_ratio, confirmed, classified_by, classified_at)
            VALUES (@datasetUrn, @column, @category, @source, @confidence, @detectors, @ratio, @confirmed, @by, @at)
            ON CONFLICT (dataset_urn, column_name) DO UPDATE SET category = excluded.category, source = excluded.source, confidence = excluded.confidence,
              detectors = excluded.detectors, match_ratio = excluded.match_ratio, confirmed = excluded.confirmed, classified_by = excluded.classified_by,
              classified_at = excluded.classified_at
            """, new
        {
            datasetUrn,
            column = c.Column,
            category = Name(c.Category),
            source = Name(c.Source),
            confidence = c.Confidence,
            detectors = JsonSerializer.Serialize(c.Detectors),
            ratio = c.MatchRatio,
            confirmed = c.Confirmed ? 1 : 0,
            by = c.ClassifiedBy,
            at = c.At.ToUnixTimeMilliseconds(),
        }, transaction, cancellationToken: cancellationToken));

    private static Task ConfirmClassificationAsync(DbConnection connection, DbTransaction transaction, string datasetUrn, string column, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE governance_classifications SET confirmed = 1 WHERE dataset_urn = @datasetUrn AND column_name = @column",
            new { datasetUrn, column }, transaction, cancellationToken: cancellationToken));

    /// <summary>A <c>governance_classifications</c> row as Dapper reads it.</summary>
    private sealed class ClassificationRow
    {
        public string Dataset_Urn { get; set; } = "";
        public string Column_Name { get; set; } = "";
        public string Category { get; set; } = "";
        public string Source { get; set; } = "";
        public double Confidence { get; set; }
        public string Detectors { get; set; } = "[]";
        public double Match_Ratio { get; set; }
        public long Confirmed { get; set; }
        public string Classified_By { get; set; } = "";
        public long Classified_At { get; set; }
    }
}
