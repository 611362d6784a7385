using System.Net.Sockets;
using Npgsql;

namespace TownLake.Engine.Connectors.Postgres;

/// <summary>
/// Says why a PostgreSQL connection could not be opened without naming the server: Npgsql's own messages carry the
/// host and port ("Failed to connect to 10.0.0.5:5432"), which callers of the catalog must not learn. The full
/// exception stays the inner exception, for the server's log.
/// </summary>
public static class PostgresConnectFailure
{
    public static string Describe(Exception exception) => exception switch
    {
        // Server-side refusals (bad password, unknown database) carry no address.
        PostgresException postgres => $"{postgres.SqlState}: {postgres.MessageText}",
        TimeoutException or NpgsqlException { InnerException: TimeoutException } => "the connection timed out",
        NpgsqlException { InnerException: SocketException socket } => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "the server refused the connection",
            SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the server's host name could not be resolved",
            SocketError.TimedOut => "the connection timed out",
            _ => "the server could not be reached",
        },
        ArgumentException => "the connection string is not valid",
        _ => "the server could not be reached",
    };
}
