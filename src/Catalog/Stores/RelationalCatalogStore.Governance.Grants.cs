using System.Data.Common;
using System.Text.Json;
using Dapper;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

public abstract partial class RelationalCatalogStore
{
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
}
