using System.Text;
using Dapper;
using TownLake.Catalog.Identity;
using TownLake.Catalog.QueryFront;

namespace TownLake.Catalog.Stores;

/// <summary>
/// The query audit trail and the dataset usage derived from it. States are stored in upper case (<c>SUCCEEDED</c>) and
/// error kinds by member name (<c>InvalidSql</c>), as databases written by earlier versions hold them.
/// </summary>
public abstract partial class RelationalCatalogStore : IQueryAuditStore
{
    private const string Succeeded = "SUCCEEDED";

    /// <summary>
    /// Successful queries per dataset URN (<c>dataset_urn</c>, <c>n</c>) submitted since <c>@since</c>, with
    /// <c>@state</c> the succeeded state and only runs whose purpose is QUERY (previews are audited, not counted): the one definition of use that search popularity and the most-queried browse share.
    /// </summary>
    private const string QueryCountsSql = """
        SELECT d.dataset_urn, COUNT(*) AS n
        FROM query_audit_datasets d JOIN query_audit q ON q.id = d.query_id
        WHERE q.state = @state AND q.purpose = 'QUERY' AND q.submitted_at >= @since
        GROUP BY d.dataset_urn
        """;

    public async Task SaveQueryAsync(QueryRecord query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO query_audit (id, user_name, sql_text, engine, state, submitted_at, started_at, finished_at, row_count, truncated, error_kind, error_message, error_line, error_column, purpose)
            VALUES (@Id, @User, @Sql, @Engine, @State, @SubmittedAt, @StartedAt, @FinishedAt, @RowCount, @Truncated, @ErrorKind, @ErrorMessage, @ErrorLine, @ErrorColumn, @Purpose)
            ON CONFLICT (id) DO UPDATE SET engine = excluded.engine, state = excluded.state, started_at = excluded.started_at,
              finished_at = excluded.finished_at, row_count = excluded.row_count, truncated = excluded.truncated, error_kind = excluded.error_kind,
              error_message = excluded.error_message, error_line = excluded.error_line, error_column = excluded.error_column
            """, new
        {
            query.Id,
            query.User,
            query.Sql,
            query.Engine,
            State = StateName(query.State),
            Purpose = query.Purpose.ToString().ToUpperInvariant(),
            SubmittedAt = query.SubmittedAt.ToUnixTimeMilliseconds(),
            StartedAt = query.StartedAt?.ToUnixTimeMilliseconds(),
            FinishedAt = query.FinishedAt?.ToUnixTimeMilliseconds(),
            query.RowCount,
            Truncated = query.Truncated ? 1 : 0,
            ErrorKind = query.Error?.Kind.ToString(),
            ErrorMessage = query.Error?.Message,
            ErrorLine = query.Error?.Line,
            ErrorColumn = query.Error?.Column,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM query_audit_datasets WHERE query_id = @id", new { id = query.Id }, transaction, cancellationToken: cancellationToken));
        foreach (var dataset in query.Datasets.Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO query_audit_datasets (query_id, dataset_urn, dataset_name) VALUES (@id, @urn, @name) ON CONFLICT DO NOTHING",
                new { id = query.Id, urn = Urn.Dataset(DatasetName.Parse(dataset)), name = dataset }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<QueryRecord?> GetQueryAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AuditRow>(new CommandDefinition(
            "SELECT * FROM query_audit WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        return (await WithDatasetsAsync(connection, [row], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<QueryRecord>> ListDatasetQueriesAsync(string datasetUrn, string? user, int first, CancellationToken cancellationToken)
    {
        if (first is < 0 or > 1000)
        {
            throw CatalogException.BadInput("'first' must be between 0 and 1000.");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AuditRow>(new CommandDefinition($"""
            SELECT q.* FROM query_audit q JOIN query_audit_datasets d ON d.query_id = q.id
            WHERE d.dataset_urn = @urn{(user is null ? "" : " AND q.user_name = @user")}
            ORDER BY q.submitted_at DESC, q.id LIMIT @first
            """, new { urn = datasetUrn, user, first }, cancellationToken: cancellationToken))).ToList();
        return await WithDatasetsAsync(connection, rows, cancellationToken);
    }

    public async Task<DatasetUsageStats> GetDatasetUsageAsync(string datasetUrn, int top, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var parameters = new { urn = datasetUrn, state = Succeeded, top };
        var totals = await connection.QuerySingleAsync<(long Count, long Users, long? Last)>(new CommandDefinition("""
            SELECT COUNT(*), COUNT(DISTINCT q.user_name), MAX(q.submitted_at)
            FROM query_audit_datasets d JOIN query_audit q ON q.id = d.query_id
            WHERE d.dataset_urn = @urn AND q.state = @state AND q.purpose = 'QUERY'
            """, parameters, cancellationToken: cancellationToken));
        if (totals.Count == 0)
        {
            return DatasetUsageStats.None;
        }

        var users = await connection.QueryAsync<(string User, long Count)>(new CommandDefinition("""
            SELECT q.user_name, COUNT(*) AS n
            FROM query_audit_datasets d JOIN query_audit q ON q.id = d.query_id
            WHERE d.dataset_urn = @urn AND q.state = @state AND q.purpose = 'QUERY'
            GROUP BY q.user_name ORDER BY n DESC, q.user_name LIMIT @top
            """, parameters, cancellationToken: cancellationToken));
        var joined = await connection.QueryAsync<(string Dataset, long Count)>(new CommandDefinition("""
            SELECT o.dataset_name, COUNT(*) AS n
            FROM query_audit_datasets d
              JOIN query_audit q ON q.id = d.query_id
              JOIN query_audit_datasets o ON o.query_id = d.query_id AND o.dataset_urn <> d.dataset_urn
            WHERE d.dataset_urn = @urn AND q.state = @state AND q.purpose = 'QUERY'
            GROUP BY o.dataset_name ORDER BY n DESC, o.dataset_name LIMIT @top
            """, parameters, cancellationToken: cancellationToken));
        return new DatasetUsageStats(
            (int)totals.Count,
            (int)totals.Users,
            totals.Last is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null,
            users.Select(u => new UserQueryCount(u.User, (int)u.Count)).ToList(),
            joined.Select(j => new JoinedDatasetCount(j.Dataset, (int)j.Count)).ToList());
    }

    public async Task<IReadOnlyDictionary<string, int>> GetQueryCountsAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Urn, long Count)>(new CommandDefinition(
            QueryCountsSql, new { state = Succeeded, since = since?.ToUnixTimeMilliseconds() ?? long.MinValue }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Urn, r => (int)r.Count, StringComparer.Ordinal);
    }

    private static async Task<List<QueryRecord>> WithDatasetsAsync(System.Data.Common.DbConnection connection, List<AuditRow> rows, CancellationToken cancellationToken)
    {
        var datasets = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.Id).Distinct().Chunk(500))
        {
            var parameters = new DynamicParameters();
            var names = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add("q" + i, chunk[i]);
                names.Append(i == 0 ? "@q0" : ", @q" + i);
            }

            var links = await connection.QueryAsync<(string QueryId, string Name)>(new CommandDefinition(
                $"SELECT query_id, dataset_name FROM query_audit_datasets WHERE query_id IN ({names}) ORDER BY dataset_name", parameters, cancellationToken: cancellationToken));
            foreach (var (queryId, name) in links)
            {
                (datasets.TryGetValue(queryId, out var list) ? list : datasets[queryId] = []).Add(name);
            }
        }

        return rows.Select(r => r.ToRecord(datasets.GetValueOrDefault(r.Id) ?? [])).ToList();
    }

    private static string StateName(QueryRunState state) => state.ToString().ToUpperInvariant();

    /// <summary>A <c>query_audit</c> row as Dapper reads it (column names as written in the migration).</summary>
    private sealed class AuditRow
    {
        public string Id { get; set; } = "";
        public string User_Name { get; set; } = "";
        public string Sql_Text { get; set; } = "";
        public string? Engine { get; set; }
        public string State { get; set; } = "";
        public long Submitted_At { get; set; }
        public long? Started_At { get; set; }
        public long? Finished_At { get; set; }
        public long? Row_Count { get; set; }
        public long Truncated { get; set; }
        public string? Error_Kind { get; set; }
        public string? Error_Message { get; set; }
        public long? Error_Line { get; set; }
        public long? Error_Column { get; set; }

        /// <summary>Null in rows read by a query that does not select it; every stored row has one (default QUERY).</summary>
        public string? Purpose { get; set; }

        public QueryRecord ToRecord(IReadOnlyList<string> datasets) => new()
        {
            Id = Id,
            User = User_Name,
            Sql = Sql_Text,
            Engine = Engine,
            State = Enum.Parse<QueryRunState>(State, ignoreCase: true),
            Purpose = Enum.TryParse<QueryPurpose>(Purpose, ignoreCase: true, out var purpose) ? purpose : QueryPurpose.Query,
            SubmittedAt = DateTimeOffset.FromUnixTimeMilliseconds(Submitted_At),
            StartedAt = Started_At is { } started ? DateTimeOffset.FromUnixTimeMilliseconds(started) : null,
            FinishedAt = Finished_At is { } finished ? DateTimeOffset.FromUnixTimeMilliseconds(finished) : null,
            RowCount = Row_Count,
            Truncated = Truncated != 0,
            Error = Error_Message is null ? null : new QueryRecordError(
                Enum.TryParse<QueryFailureKind>(Error_Kind, out var kind) ? kind : QueryFailureKind.Execution,
                Error_Message,
                Error_Line is { } line ? (int)line : null,
                Error_Column is { } column ? (int)column : null),
            Datasets = datasets,
        };
    }
}
