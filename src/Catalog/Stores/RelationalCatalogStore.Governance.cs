using System.Data.Common;
using System.Text.Json;
using Dapper;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>
/// The governance policy (<c>governance_*</c> tables): datasets' and columns' reviews, and the helpers every governance
/// write shares. Enum values are stored by upper-case name (<c>PENDING</c>, <c>READ_PII</c>) so the stored form does not
/// depend on member order; every write appends its audit entry in the same transaction. Classifications, grants,
/// requests and the audit trail are in the files beside this one.
/// </summary>
public abstract partial class RelationalCatalogStore : IGovernanceStore
{
    /// <summary>The key of a dataset's own review row (column rows carry the column name).</summary>
    private const string DatasetRow = "";

    private const string ScannerActor = "scanner";

    public async Task<DatasetPolicy> GetPolicyAsync(string datasetUrn, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadPolicyAsync(connection, null, datasetUrn, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DatasetPolicy>> GetPoliciesAsync(IReadOnlyCollection<string> datasetUrns, CancellationToken cancellationToken)
    {
        var reviews = new Dictionary<string, List<ReviewRow>>(StringComparer.Ordinal);
        var classes = new Dictionary<string, List<ClassificationRow>>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in datasetUrns.Distinct().Chunk(500))
        {
            var (names, parameters) = InList(chunk);
            foreach (var row in await connection.QueryAsync<ReviewRow>(new CommandDefinition(
                $"SELECT * FROM governance_reviews WHERE dataset_urn IN ({names})", parameters, cancellationToken: cancellationToken)))
            {
                (reviews.TryGetValue(row.Dataset_Urn, out var list) ? list : reviews[row.Dataset_Urn] = []).Add(row);
            }

            foreach (var row in await connection.QueryAsync<ClassificationRow>(new CommandDefinition(
                $"SELECT * FROM governance_classifications WHERE dataset_urn IN ({names})", parameters, cancellationToken: cancellationToken)))
            {
                (classes.TryGetValue(row.Dataset_Urn, out var list) ? list : classes[row.Dataset_Urn] = []).Add(row);
            }
        }

        return reviews.Keys.ToDictionary(
            urn => urn,
            urn => ToPolicy(urn, reviews[urn], classes.GetValueOrDefault(urn) ?? []),
            StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<string>> RegisterDatasetAsync(
        string datasetUrn, IReadOnlyList<string> columns, ReviewState initialState, string actor, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Now();
        var existing = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT column_name FROM governance_reviews WHERE dataset_urn = @datasetUrn{ForUpdate}", new { datasetUrn }, transaction, cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var isNew = !existing.Contains(DatasetRow);
        var added = new List<string>();
        if (isNew)
        {
            await UpsertReviewAsync(connection, transaction, datasetUrn, DatasetRow, initialState, actor, now, note, cancellationToken);
            await AppendAsync(connection, transaction, new GovernanceEvent(0, At(now), actor, GovernanceEventKind.DatasetRegistered, datasetUrn, null, null,
                $"{Urn.Parse(datasetUrn).Key} registered {Name(initialState)}" + (note is null ? "" : $" ({note})")), cancellationToken);
        }

        foreach (var column in columns.Distinct(StringComparer.OrdinalIgnoreCase).Where(c => !existing.Contains(c)))
        {
            var state = isNew ? initialState : ReviewState.Pending;
            await UpsertReviewAsync(connection, transaction, datasetUrn, column, state, actor, now, isNew ? note : "new column", cancellationToken);
            added.Add(column);
            if (!isNew)
            {
                await AppendAsync(connection, transaction, new GovernanceEvent(0, At(now), actor, GovernanceEventKind.ColumnRegistered, datasetUrn, column, null,
                    $"new column {column} of {Urn.Parse(datasetUrn).Key} is pending review"), cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<DatasetPolicy> ReviewDatasetAsync(
        string datasetUrn, ReviewState state, string reviewer, string? note, bool alsoPendingColumns, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Now();
        await UpsertReviewAsync(connection, transaction, datasetUrn, DatasetRow, state, reviewer, now, note, cancellationToken);
        var columns = new List<string>();
        if (alsoPendingColumns)
        {
            columns = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT column_name FROM governance_reviews WHERE dataset_urn = @datasetUrn AND column_name <> '' AND state = @pending",
                new { datasetUrn, pending = Name(ReviewState.Pending) }, transaction, cancellationToken: cancellationToken))).ToList();
            foreach (var column in columns)
            {
                await UpsertReviewAsync(connection, transaction, datasetUrn, column, state, reviewer, now, note, cancellationToken);
                if (state == ReviewState.Approved)
                {
                    await ConfirmClassificationAsync(connection, transaction, datasetUrn, column, cancellationToken);
                }
            }
        }

        await AppendAsync(connection, transaction, new GovernanceEvent(0, At(now), reviewer, GovernanceEventKind.DatasetReviewed, datasetUrn, null, null,
            $"{Urn.Parse(datasetUrn).Key} {Name(state).ToLowerInvariant()}" + (columns.Count > 0 ? $" with {columns.Count} pending column(s)" : "") + (note is null ? "" : ": " + note)), cancellationToken);
        var policy = await ReadPolicyAsync(connection, transaction, datasetUrn, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return policy;
    }

    public async Task<DatasetPolicy> ReviewColumnAsync(string datasetUrn, string column, ReviewState state, string reviewer, string? note, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var now = Now();
        await UpsertReviewAsync(connection, transaction, datasetUrn, column, state, reviewer, now, note, cancellationToken);
        if (state == ReviewState.Approved)
        {
            await ConfirmClassificationAsync(connection, transaction, datasetUrn, column, cancellationToken);
        }

        await AppendAsync(connection, transaction, new GovernanceEvent(0, At(now), reviewer, GovernanceEventKind.ColumnReviewed, datasetUrn, column, null,
            $"column {column} of {Urn.Parse(datasetUrn).Key} {Name(state).ToLowerInvariant()}" + (note is null ? "" : ": " + note)), cancellationToken);
        var policy = await ReadPolicyAsync(connection, transaction, datasetUrn, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return policy;
    }

    public async Task<IReadOnlyList<string>> ListReviewQueueAsync(int first, CancellationToken cancellationToken)
    {
        EnsureFirst(first);
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT dataset_urn FROM (
              SELECT dataset_urn, MIN(reviewed_at) AS since FROM governance_reviews WHERE state = @pending GROUP BY dataset_urn
              UNION ALL
              SELECT c.dataset_urn, MIN(c.classified_at) AS since FROM governance_classifications c
                JOIN governance_reviews r ON r.dataset_urn = c.dataset_urn AND r.column_name = c.column_name AND r.state <> @denied
              WHERE c.confirmed = 0 GROUP BY c.dataset_urn) q
            GROUP BY dataset_urn ORDER BY MIN(since), dataset_urn LIMIT @first
            """, new { pending = Name(ReviewState.Pending), denied = Name(ReviewState.Denied), first }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private static void EnsureFirst(int first)
    {
        if (first is < 0 or > 1000)
        {
            throw CatalogException.BadInput("'first' must be between 0 and 1000.");
        }
    }

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

    private async Task<DatasetPolicy> ReadPolicyAsync(DbConnection connection, DbTransaction? transaction, string datasetUrn, CancellationToken cancellationToken)
    {
        var reviews = (await connection.QueryAsync<ReviewRow>(new CommandDefinition(
            "SELECT * FROM governance_reviews WHERE dataset_urn = @datasetUrn", new { datasetUrn }, transaction, cancellationToken: cancellationToken))).ToList();
        if (reviews.Count == 0)
        {
            return DatasetPolicy.Unregistered(datasetUrn);
        }

        var classes = (await connection.QueryAsync<ClassificationRow>(new CommandDefinition(
            "SELECT * FROM governance_classifications WHERE dataset_urn = @datasetUrn", new { datasetUrn }, transaction, cancellationToken: cancellationToken))).ToList();
        return ToPolicy(datasetUrn, reviews, classes);
    }

    private static DatasetPolicy ToPolicy(string datasetUrn, List<ReviewRow> reviews, List<ClassificationRow> classes)
    {
        Review? dataset = null;
        var columns = new Dictionary<string, Review>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in reviews)
        {
            var review = new Review(Parse<ReviewState>(row.State), row.Reviewer, At(row.Reviewed_At), row.Note);
            if (row.Column_Name == DatasetRow)
            {
                dataset = review;
            }
            else
            {
                columns[row.Column_Name] = review;
            }
        }

        var classifications = classes.ToDictionary(
            c => c.Column_Name,
            c => new ColumnClassification(c.Column_Name, Parse<PiiCategory>(c.Category), Parse<ClassificationSource>(c.Source), c.Confidence,
                JsonSerializer.Deserialize<List<string>>(c.Detectors) ?? [], c.Match_Ratio, c.Confirmed != 0, c.Classified_By, At(c.Classified_At)),
            StringComparer.OrdinalIgnoreCase);
        return new DatasetPolicy(datasetUrn, dataset, columns, classifications);
    }

    private static Task UpsertReviewAsync(DbConnection connection, DbTransaction transaction, string datasetUrn, string column, ReviewState state,
        string reviewer, long at, string? note, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO governance_reviews (dataset_urn, column_name, state, reviewer, reviewed_at, note) VALUES (@datasetUrn, @column, @state, @reviewer, @at, @note)
            ON CONFLICT (dataset_urn, column_name) DO UPDATE SET state = excluded.state, reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, note = excluded.note
            """, new { datasetUrn, column, state = Name(state), reviewer, at, note }, transaction, cancellationToken: cancellationToken));

    private static Task AppendAsync(DbConnection connection, DbTransaction transaction, GovernanceEvent entry, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO governance_events (at, actor, kind, dataset_urn, column_name, subject, summary) VALUES (@at, @Actor, @kind, @DatasetUrn, @Column, @Subject, @Summary)",
            new { at = entry.At.ToUnixTimeMilliseconds(), entry.Actor, kind = Name(entry.Kind), entry.DatasetUrn, entry.Column, entry.Subject, entry.Summary },
            transaction, cancellationToken: cancellationToken));

    private static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>An enum member's stored name: upper snake case (<c>ReadPii</c> → <c>READ_PII</c>).</summary>
    internal static string Name<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : ch.ToString())).ToUpperInvariant();

    private static T Parse<T>(string stored) where T : struct, Enum =>
        Enum.Parse<T>(stored.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);

    /// <summary>A <c>governance_reviews</c> row as Dapper reads it.</summary>
    private sealed class ReviewRow
    {
        public string Dataset_Urn { get; set; } = "";
        public string Column_Name { get; set; } = "";
        public string State { get; set; } = "";
        public string Reviewer { get; set; } = "";
        public long Reviewed_At { get; set; }
        public string? Note { get; set; }
    }
}
