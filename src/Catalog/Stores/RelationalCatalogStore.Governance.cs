using System.Data.Common;
using System.Text.Json;
using Dapper;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>
/// The governance policy (<c>governance_*</c> tables). Enum values are stored by upper-case name (<c>PENDING</c>,
/// <c>READ_PII</c>) so the stored form does not depend on member order; every write appends its audit entry in the
/// same transaction.
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

    public async Task SaveGrantAsync(Grant grant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await InsertGrantAsync(connection, transaction, grant, cancellationToken);
        await AppendAsync(connection, transaction, new GovernanceEvent(0, grant.GrantedAt, grant.GrantedBy, GovernanceEventKind.Granted, grant.DatasetUrn, null, grant.Principal,
            $"{Name(grant.Level)} on {Urn.Parse(grant.DatasetUrn).Key} granted to {Name(grant.PrincipalKind).ToLowerInvariant()} {grant.Principal} until {grant.ExpiresAt:u}: {grant.Reason}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Grant?> GetGrantAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<GrantRow>(new CommandDefinition(
            "SELECT * FROM governance_grants WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToGrant();
    }

    public async Task<Grant?> RevokeGrantAsync(string id, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<GrantRow>(new CommandDefinition(
            $"SELECT * FROM governance_grants WHERE id = @id{ForUpdate}", new { id }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        if (row.Revoked_At is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE governance_grants SET revoked_at = @at, revoked_by = @actor WHERE id = @id",
                new { id, actor, at = at.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            await AppendAsync(connection, transaction, new GovernanceEvent(0, at, actor, GovernanceEventKind.Revoked, row.Dataset_Urn, null, row.Principal,
                $"{row.Level} on {Urn.Parse(row.Dataset_Urn).Key} revoked from {row.Principal_Kind.ToLowerInvariant()} {row.Principal}"), cancellationToken);
            row.Revoked_At = at.ToUnixTimeMilliseconds();
            row.Revoked_By = actor;
        }

        await transaction.CommitAsync(cancellationToken);
        return row.ToGrant();
    }

    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(GrantFilter filter, CancellationToken cancellationToken)
    {
        EnsureFirst(filter.First);
        var where = new List<string>();
        if (filter.PrincipalKind is not null)
        {
            where.Add("principal_kind = @kind");
        }

        if (filter.Principal is not null)
        {
            where.Add("principal = @principal");
        }

        if (filter.DatasetUrn is not null)
        {
            where.Add("dataset_urn = @dataset");
        }

        if (filter.ActiveAt is not null)
        {
            where.Add("revoked_at IS NULL AND expires_at > @at AND granted_at <= @at");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<GrantRow>(new CommandDefinition(
            $"SELECT * FROM governance_grants{Where(where)} ORDER BY granted_at DESC, id LIMIT @first",
            new
            {
                kind = filter.PrincipalKind is { } k ? Name(k) : null,
                principal = filter.Principal,
                dataset = filter.DatasetUrn,
                at = filter.ActiveAt?.ToUnixTimeMilliseconds(),
                first = filter.First,
            }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToGrant()).ToList();
    }

    public async Task SaveRequestAsync(AccessRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO governance_requests (id, requester, dataset_urn, columns_json, level, reason, duration_ms, requested_at, state)
            VALUES (@Id, @Requester, @DatasetUrn, @columns, @level, @Reason, @duration, @at, @state)
            """, new
        {
            request.Id,
            request.Requester,
            request.DatasetUrn,
            columns = JsonSerializer.Serialize(request.Columns),
            level = Name(request.Level),
            request.Reason,
            duration = (long)request.Duration.TotalMilliseconds,
            at = request.RequestedAt.ToUnixTimeMilliseconds(),
            state = Name(RequestState.Pending),
        }, transaction, cancellationToken: cancellationToken));
        await AppendAsync(connection, transaction, new GovernanceEvent(0, request.RequestedAt, request.Requester, GovernanceEventKind.Requested, request.DatasetUrn, null, request.Requester,
            $"{request.Requester} requested {Name(request.Level)} on {Urn.Parse(request.DatasetUrn).Key} for {request.Duration}: {request.Reason}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AccessRequest?> GetRequestAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(new CommandDefinition(
            "SELECT * FROM governance_requests WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRequest();
    }

    public async Task<IReadOnlyList<AccessRequest>> ListRequestsAsync(RequestFilter filter, CancellationToken cancellationToken)
    {
        EnsureFirst(filter.First);
        var where = new List<string>();
        if (filter.Requester is not null)
        {
            where.Add("requester = @requester");
        }

        if (filter.DatasetUrn is not null)
        {
            where.Add("dataset_urn = @dataset");
        }

        if (filter.State is not null)
        {
            where.Add("state = @state");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RequestRow>(new CommandDefinition(
            $"SELECT * FROM governance_requests{Where(where)} ORDER BY requested_at DESC, id LIMIT @first",
            new { requester = filter.Requester, dataset = filter.DatasetUrn, state = filter.State is { } s ? Name(s) : null, first = filter.First },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRequest()).ToList();
    }

    public async Task<AccessRequest?> DecideRequestAsync(string id, string decider, DateTimeOffset at, string? note, Grant? grant, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(new CommandDefinition(
            $"SELECT * FROM governance_requests WHERE id = @id{ForUpdate}", new { id }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        if (row.State != Name(RequestState.Pending))
        {
            throw CatalogException.Conflict($"Access request {id} was already {row.State.ToLowerInvariant()} by {row.Decided_By}.");
        }

        var state = grant is null ? RequestState.Denied : RequestState.Approved;
        if (grant is not null)
        {
            await InsertGrantAsync(connection, transaction, grant, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE governance_requests SET state = @state, decided_by = @decider, decided_at = @at, decision_note = @note, grant_id = @grantId WHERE id = @id",
            new { id, state = Name(state), decider, at = at.ToUnixTimeMilliseconds(), note, grantId = grant?.Id }, transaction, cancellationToken: cancellationToken));
        var request = row.ToRequest() with { State = state, DecidedBy = decider, DecidedAt = at, DecisionNote = note, GrantId = grant?.Id };
        await AppendAsync(connection, transaction, new GovernanceEvent(0, at, decider,
            grant is null ? GovernanceEventKind.RequestDenied : GovernanceEventKind.RequestApproved, request.DatasetUrn, null, request.Requester,
            grant is null
                ? $"request of {request.Requester} for {Name(request.Level)} on {Urn.Parse(request.DatasetUrn).Key} denied" + (note is null ? "" : ": " + note)
                : $"request of {request.Requester} for {Name(request.Level)} on {Urn.Parse(request.DatasetUrn).Key} approved until {grant.ExpiresAt:u}" + (note is null ? "" : ": " + note)),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request;
    }

    public async Task AppendEventAsync(GovernanceEvent entry, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await AppendAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GovernanceEvent>> ListEventsAsync(GovernanceEventFilter filter, CancellationToken cancellationToken)
    {
        EnsureFirst(filter.First);
        var where = new List<string>();
        if (filter.User is not null)
        {
            where.Add("(actor = @user OR subject = @user)");
        }

        if (filter.DatasetUrn is not null)
        {
            where.Add("dataset_urn = @dataset");
        }

        if (filter.Kind is not null)
        {
            where.Add("kind = @kind");
        }

        if (filter.From is not null)
        {
            where.Add("at >= @from");
        }

        if (filter.To is not null)
        {
            where.Add("at < @to");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"SELECT * FROM governance_events{Where(where)} ORDER BY at DESC, id DESC LIMIT @first",
            new
            {
                user = filter.User,
                dataset = filter.DatasetUrn,
                kind = filter.Kind is { } k ? Name(k) : null,
                from = filter.From?.ToUnixTimeMilliseconds(),
                to = filter.To?.ToUnixTimeMilliseconds(),
                first = filter.First,
            }, cancellationToken: cancellationToken));
        return rows.Select(r => new GovernanceEvent(r.Id, At(r.At), r.Actor, Parse<GovernanceEventKind>(r.Kind), r.Dataset_Urn, r.Column_Name, r.Subject, r.Summary)).ToList();
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

    private static Task InsertGrantAsync(DbConnection connection, DbTransaction transaction, Grant grant, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO governance_grants (id, principal_kind, principal, dataset_urn, columns_json, level, expires_at, reason, granted_by, granted_at, request_id)
            VALUES (@Id, @kind, @Principal, @DatasetUrn, @columns, @level, @expires, @Reason, @GrantedBy, @granted, @RequestId)
            """, new
        {
            grant.Id,
            kind = Name(grant.PrincipalKind),
            grant.Principal,
            grant.DatasetUrn,
            columns = JsonSerializer.Serialize(grant.Columns),
            level = Name(grant.Level),
            expires = grant.ExpiresAt.ToUnixTimeMilliseconds(),
            grant.Reason,
            grant.GrantedBy,
            granted = grant.GrantedAt.ToUnixTimeMilliseconds(),
            grant.RequestId,
        }, transaction, cancellationToken: cancellationToken));

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

    /// <summary>A <c>governance_grants</c> row as Dapper reads it.</summary>
    private sealed class GrantRow
    {
        public string Id { get; set; } = "";
        public string Principal_Kind { get; set; } = "";
        public string Principal { get; set; } = "";
        public string Dataset_Urn { get; set; } = "";
        public string Columns_Json { get; set; } = "[]";
        public string Level { get; set; } = "";
        public long Expires_At { get; set; }
        public string Reason { get; set; } = "";
        public string Granted_By { get; set; } = "";
        public long Granted_At { get; set; }
        public string? Request_Id { get; set; }
        public long? Revoked_At { get; set; }
        public string? Revoked_By { get; set; }

        public Grant ToGrant() => new()
        {
            Id = Id,
            PrincipalKind = Parse<PrincipalKind>(Principal_Kind),
            Principal = Principal,
            DatasetUrn = Dataset_Urn,
            Columns = JsonSerializer.Deserialize<List<string>>(Columns_Json) ?? [],
            Level = Parse<AccessLevel>(Level),
            ExpiresAt = At(Expires_At),
            Reason = Reason,
            GrantedBy = Granted_By,
            GrantedAt = At(Granted_At),
            RequestId = Request_Id,
            RevokedAt = Revoked_At is { } revoked ? At(revoked) : null,
            RevokedBy = Revoked_By,
        };
    }

    /// <summary>A <c>governance_requests</c> row as Dapper reads it.</summary>
    private sealed class RequestRow
    {
        public string Id { get; set; } = "";
        public string Requester { get; set; } = "";
        public string Dataset_Urn { get; set; } = "";
        public string Columns_Json { get; set; } = "[]";
        public string Level { get; set; } = "";
        public string Reason { get; set; } = "";
        public long Duration_Ms { get; set; }
        public long Requested_At { get; set; }
        public string State { get; set; } = "";
        public string? Decided_By { get; set; }
        public long? Decided_At { get; set; }
        public string? Decision_Note { get; set; }
        public string? Grant_Id { get; set; }

        public AccessRequest ToRequest() => new()
        {
            Id = Id,
            Requester = Requester,
            DatasetUrn = Dataset_Urn,
            Columns = JsonSerializer.Deserialize<List<string>>(Columns_Json) ?? [],
            Level = Parse<AccessLevel>(Level),
            Reason = Reason,
            Duration = TimeSpan.FromMilliseconds(Duration_Ms),
            RequestedAt = At(Requested_At),
            State = Parse<RequestState>(State),
            DecidedBy = Decided_By,
            DecidedAt = Decided_At is { } decided ? At(decided) : null,
            DecisionNote = Decision_Note,
            GrantId = Grant_Id,
        };
    }

    /// <summary>A <c>governance_events</c> row as Dapper reads it.</summary>
    private sealed class EventRow
    {
        public long Id { get; set; }
        public long At { get; set; }
        public string Actor { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Dataset_Urn { get; set; }
        public string? Column_Name { get; set; }
        public string? Subject { get; set; }
        public string Summary { get; set; } = "";
    }
}
