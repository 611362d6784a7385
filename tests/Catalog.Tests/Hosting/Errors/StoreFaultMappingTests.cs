using Microsoft.Data.Sqlite;
using Npgsql;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Tests.Hosting.Errors;

/// <summary>Store failures that are the environment's, not the request's, answer 503 / 507 with a code a client can act on.</summary>
public sealed class StoreFaultMappingTests
{
    private static CatalogErrorMapper Mapper => new(Microsoft.Extensions.Logging.Abstractions.NullLogger<CatalogErrorMapper>.Instance);

    [Fact]
    public void A_database_that_cannot_be_reached_is_source_unavailable_503_with_a_retry_hint()
    {
        var error = Mapper.Map(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)), clientAborted: false);

        Assert.Equal(ErrorCodes.SourceUnavailable, error.Code);
        Assert.Equal(503, error.Status);
        Assert.Contains("Retry", error.Hint);
    }

    [Fact]
    public void The_fail_fast_refusal_keeps_its_code()
    {
        var error = Mapper.Map(StoreFaults.Unavailable(), clientAborted: false);

        Assert.Equal(ErrorCodes.SourceUnavailable, error.Code);
        Assert.Equal(503, error.Status);
    }

    [Fact]
    public void A_full_disk_under_sqlite_is_storage_full_507()
    {
        var error = Mapper.Map(new SqliteException("SQLite Error 13: 'database or disk is full'.", 13), clientAborted: false);

        Assert.Equal(ErrorCodes.StorageFull, error.Code);
        Assert.Equal(507, error.Status);
    }

    [Fact]
    public void A_full_disk_reported_by_the_file_system_is_storage_full_even_when_wrapped()
    {
        var enospc = new IOException("No space left on device", 28);

        var error = Mapper.Map(new InvalidOperationException("Writing failed.", enospc), clientAborted: false);

        Assert.Equal(ErrorCodes.StorageFull, error.Code);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CrashShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    public void A_backend_ended_by_a_server_shutdown_or_restart_is_source_unavailable_503(string sqlState)
    {
        var error = Mapper.Map(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", sqlState), clientAborted: false);

        Assert.Equal(ErrorCodes.SourceUnavailable, error.Code);
        Assert.Equal(503, error.Status);
    }

    [Fact]
    public void A_serialization_failure_is_not_mistaken_for_an_outage()
    {
        Assert.Null(StoreFaults.Classify(new PostgresException("could not serialize access", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure)));
    }

    [Fact]
    public void Other_io_errors_stay_internal()
    {
        var error = Mapper.Map(new IOException("disk"), clientAborted: false);

        Assert.Equal(CatalogError.Internal, error);
    }
}
