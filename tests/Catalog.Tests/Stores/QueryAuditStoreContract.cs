using TownLake.Catalog.Identity;
using TownLake.Catalog.QueryFront;
using TownLake.TestSupport;
using static TownLake.Catalog.Tests.Stores.QueryRecords;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// What every <see cref="IQueryAuditStore"/> must do: audit rows update in place and read back whole, in the stored
/// form earlier versions wrote; usage and query counts come from successful queries only.
/// </summary>
public abstract class QueryAuditStoreContract(IStoreDatabase database) : StoreContract(database)
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [SkippableFact]
    public async Task An_audited_query_is_updated_in_place_and_reads_back_whole()
    {
        await Audit.SaveQueryAsync(Query("q1", "alice", QueryRunState.Running, At, "demo.dim.accounts") with { FinishedAt = null, RowCount = null }, None);
        await Audit.SaveQueryAsync(Query("q1", "alice", QueryRunState.Failed, At, "demo.dim.accounts", "demo.dim.zones") with
        {
            Error = new QueryRecordError(QueryFailureKind.InvalidSql, "syntax error at \"=\"", 4, 13),
        }, None);

        var loaded = await Audit.GetQueryAsync("q1", None);

        Assert.NotNull(loaded);
        Assert.Equal(QueryRunState.Failed, loaded!.State);
        Assert.Equal("alice", loaded.User);
        Assert.Equal(At, loaded.SubmittedAt);
        Assert.Equal(At.AddMilliseconds(120), loaded.FinishedAt);
        Assert.Equal(new QueryRecordError(QueryFailureKind.InvalidSql, "syntax error at \"=\"", 4, 13), loaded.Error);
        Assert.Equal(["demo.dim.accounts", "demo.dim.zones"], loaded.Datasets);
        Assert.Null(await Audit.GetQueryAsync("q-missing", None));
    }

    [SkippableFact]
    public async Task Every_run_state_and_failure_kind_reads_back_as_written()
    {
        var states = Enum.GetValues<QueryRunState>();
        var kinds = Enum.GetValues<QueryFailureKind>();
        for (var i = 0; i < states.Length; i++)
        {
            await Audit.SaveQueryAsync(Query("s" + i, "alice", states[i], At), None);
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            await Audit.SaveQueryAsync(Query("k" + i, "alice", QueryRunState.Failed, At) with { Error = new QueryRecordError(kinds[i], "failed " + i) }, None);
        }

        for (var i = 0; i < states.Length; i++)
        {
            Assert.Equal(states[i], (await Audit.GetQueryAsync("s" + i, None))!.State);
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            Assert.Equal(new QueryRecordError(kinds[i], "failed " + i), (await Audit.GetQueryAsync("k" + i, None))!.Error);
        }
    }

    [SkippableFact]
    public async Task States_and_failure_kinds_are_stored_in_the_form_earlier_versions_wrote_and_read()
    {
        await Audit.SaveQueryAsync(Query("q1", "alice", QueryRunState.Failed, At) with { Error = new QueryRecordError(QueryFailureKind.SourceUnavailable, "down") }, None);
        // A row as the version that stored the engine's enums wrote it.
        await Database.ExecuteSqlAsync("""
            INSERT INTO query_audit (id, user_name, sql_text, engine, state, submitted_at, truncated, error_kind, error_message)
            VALUES ('old', 'bob', 'SELECT 1', 'duckdb', 'CANCELLED', 1700000000000, 0, 'Cancelled', 'stopped')
            """);

        Assert.Equal("FAILED", await Database.ScalarAsync("SELECT state FROM query_audit WHERE id = 'q1'"));
        Assert.Equal("SourceUnavailable", await Database.ScalarAsync("SELECT error_kind FROM query_audit WHERE id = 'q1'"));
        var old = await Audit.GetQueryAsync("old", None);
        Assert.Equal(QueryRunState.Cancelled, old!.State);
        Assert.Equal(new QueryRecordError(QueryFailureKind.Cancelled, "stopped"), old.Error);
    }

    [SkippableFact]
    public async Task Dataset_usage_counts_successful_queries_users_and_datasets_read_together()
    {
        var succeeded = QueryRunState.Succeeded;
        await Audit.SaveQueryAsync(Query("q1", "alice", succeeded, At, "demo.dim.accounts", "demo.dim.zones"), None);
        await Audit.SaveQueryAsync(Query("q2", "alice", succeeded, At.AddMinutes(1), "demo.dim.accounts", "demo.dim.zones"), None);
        await Audit.SaveQueryAsync(Query("q3", "bob", succeeded, At.AddMinutes(2), "demo.dim.accounts", "demo.fct.arr_by_account"), None);
        await Audit.SaveQueryAsync(Query("q4", "carol", QueryRunState.Failed, At.AddMinutes(3), "demo.dim.accounts"), None);
        var accounts = DatasetUrn("demo.dim.accounts");

        var usage = await Audit.GetDatasetUsageAsync(accounts, 10, None);
        var recent = await Audit.ListDatasetQueriesAsync(accounts, null, 2, None);
        var bobs = await Audit.ListDatasetQueriesAsync(accounts, "bob", 10, None);
        var counts = await Audit.GetQueryCountsAsync(null, None);
        var recentCounts = await Audit.GetQueryCountsAsync(At.AddSeconds(90), None);
        var unused = await Audit.GetDatasetUsageAsync(DatasetUrn("demo.raw.unused"), 10, None);

        Assert.Equal(3, usage.QueryCount);
        Assert.Equal(2, usage.DistinctUsers);
        Assert.Equal(At.AddMinutes(2), usage.LastQueriedAt);
        Assert.Equal([new UserQueryCount("alice", 2), new UserQueryCount("bob", 1)], usage.TopUsers);
        Assert.Equal([new JoinedDatasetCount("demo.dim.zones", 2), new JoinedDatasetCount("demo.fct.arr_by_account", 1)], usage.CommonlyJoinedWith);
        Assert.Equal(["q4", "q3"], recent.Select(q => q.Id));
        Assert.Equal(["q3"], bobs.Select(q => q.Id));
        Assert.Equal(3, counts[accounts]);
        Assert.Equal(2, counts[DatasetUrn("demo.dim.zones")]);
        Assert.Equal(1, recentCounts[accounts]);
        Assert.Equal(DatasetUsageStats.None, unused);
    }

    [SkippableTheory]
    [InlineData(-1)]
    [InlineData(1001)]
    public async Task Listing_a_datasets_queries_refuses_a_page_size_outside_0_to_1000(int first)
    {
        var error = await Assert.ThrowsAsync<CatalogException>(() => Audit.ListDatasetQueriesAsync(DatasetUrn("demo.dim.accounts"), null, first, None));

        Assert.Equal("BAD_USER_INPUT", error.Code);
    }
}

/// <summary>The query audit contract on SQLite.</summary>
public sealed class SqliteQueryAuditStoreTests() : QueryAuditStoreContract(new SqliteStoreDatabase());

/// <summary>The query audit contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryAuditStoreTests(PostgresFixture fixture) : QueryAuditStoreContract(new PostgresStoreDatabase(fixture));
