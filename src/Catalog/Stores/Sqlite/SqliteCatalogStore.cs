using System.Data.Common;
using Microsoft.Data.Sqlite;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores.Sqlite;

/// <summary>
/// The embedded store: one SQLite file under the data directory, created on first start. WAL mode lets readers
/// run beside the single writer; writes take the write lock up front (BEGIN IMMEDIATE) so they never deadlock.
/// </summary>
public sealed class SqliteCatalogStore : RelationalCatalogStore
{
    private readonly string _connectionString;

    public SqliteCatalogStore(string databasePath, CatalogChangeFeed feed, TimeProvider clock) : base(feed, clock)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        DatabasePath = databasePath;
    }

    public string DatabasePath { get; }

    protected override string ForUpdate => "";

    protected override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL persists in the file; busy_timeout and synchronous are per connection.
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Microsoft.Data.Sqlite's non-deferred transaction is BEGIN IMMEDIATE: the write lock is taken at once.
        await Task.FromResult(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override CatalogException? Translate(DbException exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 19 } => CatalogException.Conflict("The write conflicts with existing data: " + exception.Message),
        SqliteException { SqliteErrorCode: 5 or 6 } => CatalogException.Conflict("The catalog database is busy; try again."),
        _ => null,
    };
}
