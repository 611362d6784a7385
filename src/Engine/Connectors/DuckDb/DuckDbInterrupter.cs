using DuckDB.NET.Data;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Interrupts a DuckDB command when a token fires, and keeps interrupting until the guarded call has returned.
/// </summary>
/// <remarks>
/// DuckDB clears a connection's interrupt flag when a statement starts executing, so one interrupt sent between the
/// last token check and the start of execution (a cancel during query setup) was lost and the query ran on to its
/// timeout. Repeating the interrupt every <see cref="RetryInterval"/> until <see cref="Dispose"/> closes that window
/// without depending on when exactly DuckDB starts the statement.
/// </remarks>
internal sealed class DuckDbInterrupter : IDisposable
{
    /// <summary>How often a pending interrupt is sent again while the guarded call has not returned.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(25);

    private readonly DuckDBCommand _command;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopped = new();
    private CancellationTokenRegistration _registration;
    private bool _disposed;

    public DuckDbInterrupter(DuckDBCommand command, CancellationToken cancellationToken)
    {
        _command = command;
        // Registered last: on an already cancelled token the callback runs here, at once.
        _registration = cancellationToken.Register(static state => ((DuckDbInterrupter)state!).Start(), this);
    }

    public void Dispose()
    {
        _registration.Dispose();
        lock (_gate)
        {
            // After this no interrupt reaches the command (which may be disposed, or reused for another statement).
            _disposed = true;
        }

        _stopped.Cancel();
        _stopped.Dispose();
    }

    private void Start()
    {
        if (Interrupt())
        {
            _ = Task.Run(RepeatAsync);
        }
    }

    private async Task RepeatAsync()
    {
        var token = StoppedToken();
        while (token is { } stopped && !stopped.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryInterval, stopped);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!Interrupt())
            {
                return;
            }
        }
    }

    /// <summary>Sends one interrupt; false once the guard is disposed.</summary>
    private bool Interrupt()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _command.Cancel();
            return true;
        }
    }

    private CancellationToken? StoppedToken()
    {
        lock (_gate)
        {
            return _disposed ? null : _stopped.Token;
        }
    }
}
