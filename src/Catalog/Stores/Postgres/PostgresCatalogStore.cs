using System.Data.Common;
using Npgsql;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores.Postgres;

/// <summary>
/// The team store on PostgreSQL (Npgsql). Writers lock the entity row (<c>FOR UPDATE</c>) inside the transaction,
/// so concurrent edits of one dataset queue instead of losing each other's change.
/// </summary>
public sealed class PostgresCatalogStore : RelationalCatalogStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private int _disposed;

    public PostgresCatalogStore(string connectionString, CatalogChangeFeed feed, TimeProvider clock) : base(feed, clock)
    {
        try
        {
            _dataSource = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException("TownLake:PostgresConnectionString is not a valid PostgreSQL connection string: " + ex.Message, ex);
        }
    }

    protected override string ForUpdate => " FOR UPDATE";

    protected override string IdentityColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken);

    protected override CatalogException? Translate(DbException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => CatalogException.Conflict("The write conflicts with existing data: " + exception.Message),
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => CatalogException.Conflict("A concurrent write got in the way; try again."),
        _ => null,
    };

    /// <summary>Closes the connection pool; later calls do nothing (the container disposes it once per port it resolved).</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;
}
