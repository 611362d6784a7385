using System.Diagnostics;
using DuckDB.NET.Data;
using TownLake.Engine.Connectors.DuckDb;

namespace TownLake.Engine.Tests.Execution.DuckDb;

/// <summary>
/// The cancel race: DuckDB forgets an interrupt sent before a statement starts, so a cancel landing between the engine's
/// last token check and the start of execution used to be lost. These tests put the cancel exactly there.
/// </summary>
public sealed class DuckDbInterrupterTests : IDisposable
{
    private const string Endless = "SELECT count(*) FROM range(100000000000)";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDbInterrupterTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void DuckDB_forgets_an_interrupt_sent_before_the_statement_starts()
    {
        // The cause of the race, pinned: if DuckDB ever keeps the flag, the interrupter's repetition becomes unnecessary.
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM range(1000000)";

        command.Cancel();

        Assert.Equal(1_000_000L, Convert.ToInt64(command.ExecuteScalar()));
    }

    [Fact]
    public async Task A_cancel_that_lands_before_the_statement_starts_still_interrupts_it()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = Endless;
        using var cancel = new CancellationTokenSource();
        // The token has fired and its interrupt has been sent; only then does the statement start.
        await cancel.CancelAsync();
        var clock = Stopwatch.StartNew();

        var error = await Task.Run(() =>
        {
            using var interrupter = new DuckDbInterrupter(command, cancel.Token);
            return Record.Exception(() => command.ExecuteScalar());
        }).WaitAsync(Deadline);

        // DuckDB.NET reports an interrupted statement as a cancellation.
        Assert.IsType<OperationCanceledException>(error);
        Assert.True(clock.Elapsed < Deadline, $"interrupted after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_cancel_right_after_the_statement_is_launched_interrupts_it()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = Endless;
        using var cancel = new CancellationTokenSource();

        var running = Task.Run(() =>
        {
            using var interrupter = new DuckDbInterrupter(command, cancel.Token);
            return Record.Exception(() => command.ExecuteScalar());
        });
        await cancel.CancelAsync();
        var error = await running.WaitAsync(Deadline);

        Assert.IsType<OperationCanceledException>(error);
    }

    [Fact]
    public async Task After_disposal_no_interrupt_reaches_the_next_statement()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT 1";
        using var cancel = new CancellationTokenSource();
        using (new DuckDbInterrupter(command, cancel.Token))
        {
            await cancel.CancelAsync();
        }

        command.CommandText = "SELECT count(*) FROM range(50000000)";
        await Task.Delay(DuckDbInterrupter.RetryInterval * 4);

        Assert.Equal(50_000_000L, Convert.ToInt64(command.ExecuteScalar()));
    }

    [Fact]
    public void A_token_that_never_fires_never_interrupts()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM range(50000000)";
        using var interrupter = new DuckDbInterrupter(command, CancellationToken.None);

        Assert.Equal(50_000_000L, Convert.ToInt64(command.ExecuteScalar()));
    }
}
