using Microsoft.Data.Sqlite;
using Npgsql;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>
/// Recognises the store failures that are the environment's, not the request's: the database unreachable or
/// restarting (<see cref="ErrorCodes.SourceUnavailable"/>, 503) and a full disk (<see cref="ErrorCodes.StorageFull"/>,
/// 507). Both stores write a transaction whole or not at all, so either answer means nothing of the write was kept.
/// </summary>
public static class StoreFaults
{
    private const string RetryHint = "Retry in a few seconds; the service reconnects by itself.";

    /// <summary>The catalog error for <paramref name="exception"/> (or one it wraps), or null when it is not a store fault.</summary>
    public static CatalogException? Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case CatalogException { Code: ErrorCodes.SourceUnavailable or ErrorCodes.StorageFull } known:
                    return known;
                case PostgresException { SqlState: PostgresErrorCodes.DiskFull }:
                case SqliteException { SqliteErrorCode: 13 }:
                case IOException io when IsDiskFull(io):
                    return Full();
                // Serialization failures and deadlocks are transient too, but the store reports them as conflicts.
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                    return null;
                case NpgsqlException { IsTransient: true }:
                case TimeoutException when current.Source == "Npgsql":
                    return Unavailable();
            }
        }

        return null;
    }

    /// <summary>The store cannot be reached now.</summary>
    public static CatalogException Unavailable() =>
        new(ErrorCodes.SourceUnavailable, "The catalog database cannot be reached right now.") { Hint = RetryHint };

    /// <summary>The disk is full.</summary>
    public static CatalogException Full() =>
        new(ErrorCodes.StorageFull, "The catalog's disk is full: the write was refused and nothing of it was kept.") { Hint = "Free disk space under the data directory, then retry." };

    /// <summary>ENOSPC (28) or Windows' ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL.</summary>
    private static bool IsDiskFull(IOException io) => (io.HResult & 0xFFFF) is 28 or 0x70 or 0x27;
}
