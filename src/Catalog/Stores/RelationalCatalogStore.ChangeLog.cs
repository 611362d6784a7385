using System.Data.Common;
using Dapper;
using TownLake.Catalog.Stores.ChangeLog;

namespace TownLake.Catalog.Stores;

/// <summary>
/// The change log (<c>change_log</c>, numbered from the one row of <c>change_log_counter</c>) and job leases
/// (<c>job_leases</c>). See <see cref="ChangeRecord"/> for how a write path joins the log.
/// </summary>
public abstract partial class RelationalCatalogStore : IChangeLog, IJobLeases
{
    /// <summary>
    /// Appends <paramref name="changes"/> to the change log inside the caller's write transaction, commits it, and wakes
    /// this process's followers. The one call a write path makes instead of <c>transaction.CommitAsync</c>.
    /// </summary>
    protected async Task CommitWithChangesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        var sequence = await AppendAndCommitAsync(connection, transaction, changes, cancellationToken);
        if (sequence > 0)
        {
            _feed.Committed(sequence);
        }
    }

    /// <summary>
    /// Numbers and inserts change-log entries in the caller's transaction and commits it; returns the last number (0 for
    /// no changes).
    /// </summary>
    /// <remarks>
    /// Why a counter row and not a sequence or an identity column: PostgreSQL hands out sequence values at insert time
    /// but transactions commit in any order, so a follower that read up to 7 could later see a 6 commit and skip it
    /// for good. Updating the one counter row takes its row lock until commit, so the transaction holding number n
    /// commits (or rolls back, returning n) before any other can take n + 1: numbers become visible in order and
    /// without gaps, and "everything above my position" is always complete. The price is that writers serialize on the
    /// counter from taking it to their commit, so that stretch must be as short as the store can make it: it comes last,
    /// and PostgreSQL's override sends it together with the COMMIT so the lock is never held across a round trip.
    /// SQLite's writers are serialized already (BEGIN IMMEDIATE).
    /// </remarks>
    protected virtual async Task<long> AppendAndCommitAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        var distinct = changes.Distinct().ToList();
        long last = 0;
        if (distinct.Count > 0)
        {
            last = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "UPDATE change_log_counter SET seq = seq + @n WHERE id = 1 RETURNING seq", new { n = distinct.Count }, transaction, cancellationToken: cancellationToken));
            var first = last - distinct.Count + 1;
            var now = Now();
            var rows = distinct.Select((c, i) => new object?[] { first + i, c.Kind, c.Key, now }).ToList();
            await InsertRowsAsync(connection, transaction, "change_log (seq, kind, change_key, at)", rows, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return last;
    }

    public async Task<long> GetHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT seq FROM change_log_counter WHERE id = 1", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ChangeLogEntry>> ReadAfterAsync(long after, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "between 1 and 100000");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Seq, string Kind, string Key, long At)>(new CommandDefinition(
            "SELECT seq, kind, change_key, at FROM change_log WHERE seq > @after ORDER BY seq LIMIT @limit", new { after, limit }, cancellationToken: cancellationToken));
        // Read after the entries: a pruning that committed before them shows here, so a gap is never taken for the end.
        var prunedThrough = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT pruned_through FROM change_log_counter WHERE id = 1", cancellationToken: cancellationToken));
        if (after < prunedThrough)
        {
            throw new ChangeLogPrunedException(after, prunedThrough);
        }

        return rows.Select(r => new ChangeLogEntry(r.Seq, r.Kind, r.Key, DateTimeOffset.FromUnixTimeMilliseconds(r.At))).ToList();
    }

    public async Task ReportPositionAsync(string follower, long applied, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(follower) || follower.Length > 400)
        {
            throw new ArgumentException("A follower is named by 1 to 400 characters.", nameof(follower));
        }

        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO change_log_followers (follower, applied, seen_at) VALUES (@follower, @applied, @now)
            ON CONFLICT (follower) DO UPDATE SET applied = excluded.applied, seen_at = excluded.seen_at
            """,
            new { follower, applied, now = Now() }, cancellationToken: cancellationToken));
    }

    public async Task<ChangeLogPruning> PruneAsync(TimeSpan retention, TimeSpan followerTimeout, CancellationToken cancellationToken)
    {
        var now = Now();
        var olderThan = now - (long)retention.TotalMilliseconds;
        var liveSince = now - (long)followerTimeout.TotalMilliseconds;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        // The counter row first: its lock orders this pass with the writers, which take it to number their entries.
        var prunedThrough = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE change_log_counter SET pruned_through = pruned_through WHERE id = 1 RETURNING pruned_through", transaction: transaction, cancellationToken: cancellationToken));
        var oldEnough = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(seq) FROM change_log WHERE at < @olderThan", new { olderThan }, transaction, cancellationToken: cancellationToken)) ?? 0;
        var (live, slowest) = await connection.QuerySingleAsync<(long Live, long? Slowest)>(new CommandDefinition(
            "SELECT COUNT(*), MIN(applied) FROM change_log_followers WHERE seen_at >= @liveSince", new { liveSince }, transaction, cancellationToken: cancellationToken));
        var through = Math.Min(oldEnough, slowest ?? long.MaxValue);
        var deleted = 0;
        if (through > prunedThrough)
        {
            deleted = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM change_log WHERE seq <= @through", new { through }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("UPDATE change_log_counter SET pruned_through = @through WHERE id = 1", new { through }, transaction, cancellationToken: cancellationToken));
            prunedThrough = through;
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM change_log_followers WHERE seen_at < @liveSince", new { liveSince }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ChangeLogPruning(prunedThrough, deleted, (int)live);
    }

    public async Task<long> AppendAsync(IReadOnlyCollection<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var sequence = await AppendAndCommitAsync(connection, transaction, changes, cancellationToken);
        if (sequence > 0)
        {
            _feed.Committed(sequence);
        }

        return sequence;
    }

    public virtual Task WatchAsync(Action<long> committed, CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Lineage followers' re-read (declared on <see cref="Lineage.ILineageStore"/>; kept here, beside the log it follows).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Lineage.LineageEdge>>> GetEdgesIntoManyAsync(IReadOnlyCollection<string> downstreamUrns, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<Lineage.LineageEdge>>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in downstreamUrns.Distinct().Chunk(500))
        {
            var (names, parameters) = InList(chunk);
            var rows = await connection.QueryAsync<EdgeRow>(new CommandDefinition($"SELECT {EdgeColumns} FROM lineage_edges WHERE downstream IN ({names})", parameters, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                if (!result.TryGetValue(row.Downstream, out var list))
                {
                    result[row.Downstream] = list = [];
                }

                list.Add(row.ToEdge());
            }
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<Lineage.LineageEdge>)p.Value, StringComparer.Ordinal);
    }

    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var connection = await OpenAsync(cancellationToken);
        // One statement: inserts a missing lease, or takes it over when it is ours or expired; otherwise changes nothing.
        var taken = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO job_leases (name, holder, expires_at) VALUES (@name, @holder, @expires)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE job_leases.holder = excluded.holder OR job_leases.expires_at < @now
            """,
            new { name, holder, expires = now + (long)duration.TotalMilliseconds, now }, cancellationToken: cancellationToken));
        return taken == 1;
    }

    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM job_leases WHERE name = @name AND holder = @holder", new { name, holder }, cancellationToken);
}
