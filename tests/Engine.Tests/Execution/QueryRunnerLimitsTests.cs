using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;

namespace TownLake.Engine.Tests.Execution;

/// <summary>Attacks on the runner's memory and its execution slots (issue 11, findings 3 and 5).</summary>
public sealed class QueryRunnerLimitsTests
{
    // Burns one core until cancelled; every test cancels what it starts.
    private const string Slow = "SELECT count(*) FROM range(100000000000)";
    // The attack of the review used 100,000 rows; 20,000 (400 MB as .NET strings) prove the point with less CPU.
    private const string Wide = "SELECT repeat('x', 10000) AS blob FROM range(20000)";
    private static readonly List<ConnectionSettings> NoConnections = [];
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Wide_values_are_cut_at_the_byte_budget_and_the_run_says_why()
    {
        await using var runner = NewRunner(new QueryRunnerOptions());
        var limits = new QueryLimits(100_000, TimeSpan.FromSeconds(30), MaxResultBytes: 4L * 1024 * 1024);

        var status = await runner.RunAsync(new QueryRequest(Wide, NoConnections, limits), "mallory").WaitAsync(Prompt);

        Assert.Equal(QueryState.Succeeded, status.State);
        Assert.True(status.Truncated);
        Assert.Equal(TruncationReason.ByteBudget, status.TruncatedBy);
        // 10,000 characters are 20 KB in memory: about 200 of them fit in 4 MiB, far from the 20,000 asked for.
        Assert.InRange(status.RowCount, 100, 250);
    }

    [Fact]
    public async Task Row_cap_truncation_is_reported_as_such()
    {
        await using var runner = NewRunner(new QueryRunnerOptions());

        var status = await runner.RunAsync(new QueryRequest("SELECT range FROM range(1000)", NoConnections, new QueryLimits(10, TimeSpan.FromSeconds(30))));

        Assert.Equal((true, TruncationReason.RowCap, 10), (status.Truncated, status.TruncatedBy, status.RowCount));
    }

    [Fact]
    public async Task Finished_runs_never_hold_more_than_the_total_byte_budget()
    {
        var options = new QueryRunnerOptions
        {
            MaxRetainedBytes = 10L * 1024 * 1024,
            DefaultLimits = new QueryLimits(100_000, TimeSpan.FromSeconds(30), MaxResultBytes: 4L * 1024 * 1024),
        };
        await using var runner = NewRunner(options);

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await runner.RunAsync(new QueryRequest("SELECT repeat('x', 10000) AS blob FROM range(1000)", NoConnections), "mallory").WaitAsync(Prompt)).Id);
        }

        // Each run holds just under 4 MiB, so two fit in 10 MiB: the oldest are gone, the newest stay pageable.
        await WaitUntilAsync(() => runner.List().Count <= 2);
        Assert.Null(runner.GetStatus(ids[0]));
        Assert.NotNull(await runner.FetchAsync(ids[^1], 0, 1));
    }

    [Fact]
    public async Task One_users_flood_of_results_evicts_their_own_runs_not_other_users()
    {
        await using var runner = NewRunner(new QueryRunnerOptions { MaxRetainedRunsPerUser = 2 });
        var alice = (await runner.RunAsync(new QueryRequest("SELECT 1", NoConnections), "alice")).Id;

        var mallory = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            mallory.Add((await runner.RunAsync(new QueryRequest("SELECT 2", NoConnections), "mallory")).Id);
        }

        // Eviction follows each run's end right after its completion is signalled.
        await WaitUntilAsync(() => mallory.Count(id => runner.GetStatus(id) is not null) == 2);
        Assert.NotNull(runner.GetStatus(alice));
        Assert.NotNull(runner.GetStatus(mallory[^1]));
    }

    [Fact]
    public async Task A_user_over_the_queue_quota_is_refused_at_once_while_others_may_still_start()
    {
        await using var runner = NewRunner(new QueryRunnerOptions { MaxConcurrentQueries = 1, MaxQueuedQueriesPerUser = 2 });
        var first = runner.Start(new QueryRequest(Slow, NoConnections), "mallory");
        var second = runner.Start(new QueryRequest(Slow, NoConnections), "mallory");

        var refused = Assert.Throws<QueryException>(() => runner.Start(new QueryRequest("SELECT 1", NoConnections), "mallory"));

        Assert.Equal(QueryErrorKind.QuotaExceeded, refused.Error.Kind);
        Assert.Contains("queued or running", refused.Message, StringComparison.Ordinal);
        var other = runner.Start(new QueryRequest("SELECT 1", NoConnections), "alice");
        Assert.Equal(QueryState.Queued, runner.GetStatus(other)!.State);
        runner.Cancel(first);
        runner.Cancel(second);
        Assert.Equal(QueryState.Succeeded, (await runner.WaitAsync(other).WaitAsync(Prompt))!.State);
    }

    [Fact]
    public async Task Behind_one_users_slow_queries_another_users_select_1_completes_promptly()
    {
        // Three slots, two per user: the attacker's third slow query waits, a slot stays free for everyone else.
        await using var runner = NewRunner(new QueryRunnerOptions { MaxConcurrentQueries = 3, MaxConcurrentQueriesPerUser = 2 });
        var slow = Enumerable.Range(0, 3).Select(_ => runner.Start(new QueryRequest(Slow, NoConnections), "mallory")).ToList();
        await WaitUntilAsync(() => slow.Count(id => runner.GetStatus(id)!.State == QueryState.Running) == 2);

        var select = await runner.RunAsync(new QueryRequest("SELECT 1", NoConnections), "alice").WaitAsync(Prompt);

        // Proved by order, not by a wall clock: alice finished while mallory's two queries still ran and the third still waited.
        Assert.Equal(QueryState.Succeeded, select.State);
        Assert.Equal(2, slow.Count(id => runner.GetStatus(id)!.State == QueryState.Running));
        Assert.Equal(QueryState.Queued, runner.GetStatus(slow[2])!.State);
        slow.ForEach(id => runner.Cancel(id));
    }

    [Fact]
    public async Task A_freed_slot_goes_to_the_next_user_in_turn_not_to_the_longest_queue()
    {
        await using var runner = NewRunner(new QueryRunnerOptions { MaxConcurrentQueries = 2, MaxConcurrentQueriesPerUser = 2 });
        var running = Enumerable.Range(0, 2).Select(_ => runner.Start(new QueryRequest(Slow, NoConnections), "mallory")).ToList();
        await WaitUntilAsync(() => running.All(id => runner.GetStatus(id)!.State == QueryState.Running));
        var queued = Enumerable.Range(0, 3).Select(_ => runner.Start(new QueryRequest(Slow, NoConnections), "mallory")).ToList();
        var alice = runner.Start(new QueryRequest("SELECT 1", NoConnections), "alice");

        runner.Cancel(running[0]);
        var done = await runner.WaitAsync(alice).WaitAsync(Prompt);

        Assert.Equal(QueryState.Succeeded, done!.State);
        // Alice's run took the freed slot; Mallory's queued runs were first in FIFO order but not next in turn.
        Assert.True(queued.Count(id => runner.GetStatus(id)!.State != QueryState.Queued) <= 1);
        running.Concat(queued).ToList().ForEach(id => runner.Cancel(id));
    }

    [Fact]
    public async Task A_run_that_waits_longer_than_the_queue_timeout_fails_and_frees_its_place()
    {
        await using var runner = NewRunner(new QueryRunnerOptions { MaxConcurrentQueries = 1, QueueTimeout = TimeSpan.FromMilliseconds(300) });
        var slow = runner.Start(new QueryRequest(Slow, NoConnections), "mallory");
        await WaitUntilAsync(() => runner.GetStatus(slow)!.State == QueryState.Running);

        var waited = await runner.RunAsync(new QueryRequest("SELECT 1", NoConnections), "alice").WaitAsync(Prompt);

        Assert.Equal((QueryState.Failed, QueryErrorKind.Timeout), (waited.State, waited.Error!.Kind));
        Assert.Contains("waited", waited.Error.Message, StringComparison.Ordinal);
        runner.Cancel(slow);
        await runner.WaitAsync(slow).WaitAsync(Prompt);
        var after = await runner.RunAsync(new QueryRequest("SELECT 1", NoConnections), "alice").WaitAsync(Prompt);
        Assert.Equal(QueryState.Succeeded, after.State);
    }

    [Fact]
    public async Task A_queued_run_cancelled_before_it_starts_gives_up_its_place()
    {
        await using var runner = NewRunner(new QueryRunnerOptions { MaxConcurrentQueries = 1 });
        var slow = runner.Start(new QueryRequest(Slow, NoConnections), "mallory");
        var queued = runner.Start(new QueryRequest("SELECT 1", NoConnections), "alice");

        Assert.True(runner.Cancel(queued));
        Assert.Equal(QueryState.Cancelled, (await runner.WaitAsync(queued).WaitAsync(Prompt))!.State);
        runner.Cancel(slow);
        Assert.Equal(QueryState.Succeeded, (await runner.RunAsync(new QueryRequest("SELECT 2", NoConnections), "alice").WaitAsync(Prompt)).State);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    public void Settings_out_of_range_are_refused_with_their_name(int perUser, int queued, int retainedPerUser)
    {
        var options = new QueryRunnerOptions { MaxConcurrentQueriesPerUser = perUser, MaxQueuedQueriesPerUser = queued, MaxRetainedRunsPerUser = retainedPerUser };

        var error = Assert.Throws<ArgumentException>(() => new QueryRunner([new DuckDbFederatedEngine()], options));

        Assert.Contains("PerUser", error.Message, StringComparison.Ordinal);
    }

    private static QueryRunner NewRunner(QueryRunnerOptions options) =>
        new([new DuckDbFederatedEngine(new DuckDbEngineOptions { Threads = 1, MemoryLimit = "256MB" })], options);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Prompt;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The runs did not reach the expected state in time.");
            await Task.Delay(10);
        }
    }
}
