using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TownLake.Catalog.Tests.Connections;

/// <summary>
/// Connections with a <c>RefreshInterval</c> are re-ingested on a timer; the clock is a fake the test moves, so every
/// tick happens exactly when the test says and a missed or extra run shows up as a wrong dataset list.
/// </summary>
public sealed class ScheduledIngestionTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "townlake-scheduled-" + Guid.NewGuid().ToString("N"));
    private readonly string _manualRoot = Path.Combine(Path.GetTempPath(), "townlake-manual-" + Guid.NewGuid().ToString("N"));
    private readonly ScheduleClock _clock = new();
    private CatalogApiFactory _factory = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _api = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_manualRoot);
        File.WriteAllText(Path.Combine(_root, "orders.csv"), "order_id,amount\n1,9.5\n");
        File.WriteAllText(Path.Combine(_manualRoot, "notes.csv"), "note_id,text\n1,hello\n");
        _factory = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Connections:lake:Type"] = "files",
            ["TownLake:Connections:lake:Path"] = _root,
            ["TownLake:Connections:lake:RefreshInterval"] = Interval.ToString(),
            ["TownLake:Connections:manual:Type"] = "files",
            ["TownLake:Connections:manual:Path"] = _manualRoot,
        });
        _api = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _factory.DisposeAsync();
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_manualRoot, recursive: true);
    }

    private async Task<List<string>> DatasetNamesAsync()
    {
        using var client = _api.CreateClient();
        var data = await _factory.DataAsync("{ datasets(first: 100) { nodes { name } } }", client: client);
        return data["datasets"]!["nodes"]!.AsArray().Select(node => node!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Waits (real time, generously) until the datasets are <paramref name="expected"/>; returns what was last seen.</summary>
    private async Task<List<string>> EventuallyAsync(params string[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<string> names;
        do
        {
            names = await DatasetNamesAsync();
            if (names.SequenceEqual(expected))
            {
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        return names;
    }

    /// <summary>
    /// Starts the service and waits until the schedule's timer exists: the schedule starts on a background thread, and
    /// time moved before its timer exists would be lost to it (the first tick would then come an interval later).
    /// </summary>
    private async Task<List<string>> StartAsync()
    {
        var names = await DatasetNamesAsync();
        await _clock.Scheduled.WaitAsync(TimeSpan.FromSeconds(30));
        return names;
    }

    [Fact]
    public async Task Nothing_is_ingested_before_the_first_interval_has_passed()
    {
        Assert.Empty(await StartAsync());

        _clock.Advance(Interval - TimeSpan.FromSeconds(1));
        await Task.Delay(300);

        Assert.Empty(await DatasetNamesAsync());
    }

    [Fact]
    public async Task Each_interval_re_ingests_the_connection_and_picks_up_new_files()
    {
        await StartAsync();

        _clock.Advance(Interval);
        var first = await EventuallyAsync("lake.main.orders");
        File.WriteAllText(Path.Combine(_root, "refunds.csv"), "refund_id,amount\n1,2.0\n");
        _clock.Advance(Interval);
        var second = await EventuallyAsync("lake.main.orders", "lake.main.refunds");

        Assert.Equal(["lake.main.orders"], first);
        Assert.Equal(["lake.main.orders", "lake.main.refunds"], second);
    }

    [Fact]
    public async Task A_connection_without_an_interval_is_never_ingested_by_the_schedule()
    {
        await StartAsync();

        _clock.Advance(Interval);
        await EventuallyAsync("lake.main.orders");
        // Three more intervals: every timer of the service fires for each period it spans, so days of fake time cost
        // minutes of real time (tens of thousands of lease and sweep ticks) and prove nothing three intervals do not.
        _clock.Advance(Interval * 3);
        await EventuallyAsync("lake.main.orders");
        await Task.Delay(300);

        Assert.DoesNotContain(await DatasetNamesAsync(), name => name.StartsWith("manual.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_run_does_not_stop_the_schedule()
    {
        await StartAsync();
        var moved = _root + "-away";
        Directory.Move(_root, moved);
        try
        {
            _clock.Advance(Interval);
            await Task.Delay(500);
            var whileMissing = await DatasetNamesAsync();
            Directory.Move(moved, _root);

            _clock.Advance(Interval);
            var afterwards = await EventuallyAsync("lake.main.orders");

            Assert.Empty(whileMissing);
            Assert.Equal(["lake.main.orders"], afterwards);
        }
        finally
        {
            if (Directory.Exists(moved))
            {
                Directory.Move(moved, _root);
            }
        }
    }

    /// <summary>A fake clock that also tells when the schedule's timer (one of period <see cref="Interval"/>) has been created.</summary>
    private sealed class ScheduleClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
    {
        private readonly TaskCompletionSource _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Scheduled => _scheduled.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (period == Interval)
            {
                _scheduled.TrySetResult();
            }

            return timer;
        }
    }
}
