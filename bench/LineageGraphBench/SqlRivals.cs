using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using TownLake.Catalog.Lineage;

/// <summary>
/// The fair SQL rivals of the in-memory index: careful walks a team would write without it, on the same
/// <c>lineage_edges</c> table the store writes. Both visit each dataset once and stop at the node cap, nearest first
/// and by name within a level, as the API does.
/// </summary>
internal abstract class SqlRival(string name)
{
    public string Name => name;

    public static IReadOnlyList<SqlRival> For(string store, string connectionString) => store == "SQLite"
        ?
        [
            new ClientFrontier(() => new SqliteConnection(connectionString), "WHERE e.upstream IN (SELECT value FROM json_each(@frontier))", frontier => System.Text.Json.JsonSerializer.Serialize(frontier)),
            new TempTableLevels(() => new SqliteConnection(connectionString), "CREATE TEMP TABLE IF NOT EXISTS walk_visited (urn TEXT PRIMARY KEY, depth INTEGER NOT NULL)"),
        ]
        :
        [
            new ClientFrontier(() => new NpgsqlConnection(connectionString), "WHERE e.upstream = ANY(@frontier)", frontier => frontier.ToArray()),
            new TempTableLevels(() => new NpgsqlConnection(connectionString), "CREATE TEMP TABLE IF NOT EXISTS walk_visited (urn TEXT PRIMARY KEY, depth INTEGER NOT NULL)"),
        ];

    public abstract Task<LineageWalk> WalkAsync(string start, int depth, int maxNodes, CancellationToken cancellationToken);

    protected static DbParameter Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>One query per hop over the frontier; the visited set lives in the client.</summary>
    private sealed class ClientFrontier(Func<DbConnection> open, string frontierFilter, Func<List<string>, object> frontierValue)
        : SqlRival("per-hop SQL, visited set in the client")
    {
        public override async Task<LineageWalk> WalkAsync(string start, int depth, int maxNodes, CancellationToken cancellationToken)
        {
            await using var connection = open();
            await connection.OpenAsync(cancellationToken);
            var depths = new Dictionary<string, int>(StringComparer.Ordinal) { [start] = 0 };
            var frontier = new List<string> { start };
            var truncated = false;
            for (var level = 1; level <= depth && frontier.Count > 0 && !truncated; level++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT DISTINCT e.downstream FROM lineage_edges e {frontierFilter} AND e.upstream_column = '' AND e.downstream_column = '' ORDER BY 1";
                Parameter(command, "frontier", frontierValue(frontier));
                var next = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var urn = reader.GetString(0);
                    if (depths.ContainsKey(urn))
                    {
                        continue;
                    }

                    if (depths.Count >= maxNodes)
                    {
                        truncated = true;
                        break;
                    }

                    depths[urn] = level;
                    next.Add(urn);
                }

                frontier = next;
            }

            return new LineageWalk(depths, truncated);
        }
    }

    /// <summary>One set-based statement per hop: the visited set is a temporary table, the cap is applied at every level.</summary>
    private sealed class TempTableLevels(Func<DbConnection> open, string createTable)
        : SqlRival("per-hop SQL, visited set in a temp table, cap per level")
    {
        public override async Task<LineageWalk> WalkAsync(string start, int depth, int maxNodes, CancellationToken cancellationToken)
        {
            await using var connection = open();
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, createTable, cancellationToken);
            await ExecuteAsync(connection, "DELETE FROM walk_visited", cancellationToken);
            await ExecuteAsync(connection, "INSERT INTO walk_visited (urn, depth) VALUES (@start, 0)", cancellationToken, ("start", start));
            var count = 1;
            var truncated = false;
            for (var level = 1; level <= depth && !truncated; level++)
            {
                var remaining = maxNodes - count;
                // One more than the room left tells a capped level from one that just fits.
                var added = await ExecuteAsync(connection, """
                    INSERT INTO walk_visited (urn, depth)
                    SELECT DISTINCT e.downstream, @level FROM lineage_edges e JOIN walk_visited v ON v.urn = e.upstream AND v.depth = @previous
                    WHERE e.upstream_column = '' AND e.downstream_column = ''
                      AND NOT EXISTS (SELECT 1 FROM walk_visited x WHERE x.urn = e.downstream)
                    ORDER BY 1 LIMIT @room
                    """, cancellationToken, ("level", level), ("previous", level - 1), ("room", remaining + 1));
                if (added == 0)
                {
                    break;
                }

                if (added > remaining)
                {
                    truncated = true;
                    await ExecuteAsync(connection, "DELETE FROM walk_visited WHERE depth = @level AND urn = (SELECT max(urn) FROM walk_visited WHERE depth = @level)", cancellationToken, ("level", level));
                    added--;
                }

                count += added;
            }

            var depths = new Dictionary<string, int>(StringComparer.Ordinal);
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT urn, depth FROM walk_visited";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                depths[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            }

            return new LineageWalk(depths, truncated);
        }

        private static async Task<int> ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                Parameter(command, name, value);
            }

            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
