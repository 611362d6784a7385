using System.Text.Json;
using Dapper;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

public abstract partial class RelationalCatalogStore
{
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
}
