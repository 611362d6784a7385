using DuckDB.NET.Data;
using Npgsql;
using TownLake.Engine.Connectors.Files;
using TownLake.Engine.Connectors.Postgres;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Sets up, in a query's own DuckDB, the sources its statement reads: DuckDB files ATTACHed READ_ONLY, file datasets as
/// views over <c>read_parquet</c>/<c>read_csv_auto</c>, PostgreSQL tables streamed in through Npgsql.
/// </summary>
internal static class FederatedSources
{
    /// <summary>ATTACHes the DuckDB file READ_ONLY as <paramref name="catalog"/> and checks it has every referenced table.</summary>
    public static void AttachDuckDb(DuckDBConnection duck, ConnectionSettings connection, List<BoundReference> references, string catalog)
    {
        Attach(duck, connection, catalog);
        using var command = duck.CreateCommand();
        command.CommandText = """
            SELECT lower(schema_name || '.' || table_name) FROM duckdb_tables() WHERE database_name = $1
            UNION ALL
            SELECT lower(schema_name || '.' || view_name) FROM duckdb_views() WHERE database_name = $1 AND NOT internal
            """;
        command.Parameters.Add(new DuckDBParameter(catalog));
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        BoundReference.RequireAll(references, r => existing.Contains($"{r.Schema}.{r.Table}".ToLowerInvariant()));
    }

    /// <summary>ATTACHes the connection's DuckDB file READ_ONLY as <paramref name="catalog"/>; SourceUnavailable when the file does not exist.</summary>
    public static void Attach(DuckDBConnection duck, ConnectionSettings connection, string catalog)
    {
        var path = connection.Path!;
        if (path != ":memory:" && !File.Exists(path))
        {
            throw new QueryException(QueryErrorKind.SourceUnavailable,
                $"Connection '{connection.Name}': the DuckDB file '{path}' does not exist.");
        }

        Execute(duck, $"ATTACH {PostgresSql.Literal(path)} AS {PostgresSql.Quote(catalog)} (READ_ONLY)");
    }

    /// <summary>Makes each referenced file dataset a view over its reader in <paramref name="catalogName"/>; returns the directory the query may read.</summary>
    public static string MountFiles(DuckDBConnection duck, ConnectionSettings connection, List<BoundReference> references, string catalogName)
    {
        IReadOnlyList<FileDataset> datasets;
        try
        {
            datasets = FileLayout.Scan(connection.Path!);
        }
        catch (MetadataExtractionException ex)
        {
            throw new QueryException(QueryErrorKind.SourceUnavailable, $"Connection '{connection.Name}': {ServerPaths.Scrub(ex.Message)}", ex);
        }

        var byName = datasets.ToDictionary(d => $"{d.Schema}.{d.Name}".ToLowerInvariant(), StringComparer.Ordinal);
        BoundReference.RequireAll(references, r => byName.ContainsKey($"{r.Schema}.{r.Table}".ToLowerInvariant()));
        Execute(duck, $"ATTACH ':memory:' AS {PostgresSql.Quote(catalogName)}");
        var catalog = PostgresSql.Quote(catalogName);
        foreach (var key in references.Select(r => $"{r.Schema}.{r.Table}".ToLowerInvariant()).Distinct())
        {
            var dataset = byName[key];
            var schema = PostgresSql.Quote(dataset.Schema.ToLowerInvariant());
            Execute(duck,
                $"CREATE SCHEMA IF NOT EXISTS {catalog}.{schema}; " +
                $"CREATE VIEW {catalog}.{schema}.{PostgresSql.Quote(dataset.Name.ToLowerInvariant())} AS SELECT * FROM {dataset.DuckDbReader()}");
        }

        return Path.GetFullPath(connection.Path!);
    }

    /// <summary>Streams the referenced PostgreSQL tables into <paramref name="catalog"/> with projection, filter and limit pushdown.</summary>
    public static async Task LoadPostgresAsync(
        DuckDBConnection duck, ConnectionSettings connection, List<BoundReference> references, ParsedStatement parsed, string catalog, CancellationToken cancellationToken)
    {
        await using var source = new NpgsqlConnection(connection.ConnectionString);
        try
        {
            await source.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or ArgumentException)
        {
            throw new QueryException(QueryErrorKind.SourceUnavailable,
                $"Connection '{connection.Name}': cannot reach PostgreSQL ({PostgresConnectFailure.Describe(ex)}).", ex);
        }

        var wanted = references.Select(r => (r.Schema, r.Table)).Distinct().ToList();
        var described = await PostgresTableLoader.DescribeAsync(source, wanted, cancellationToken);
        BoundReference.RequireAll(references, r => described.ContainsKey($"{r.Schema}.{r.Table}"));
        Execute(duck, $"ATTACH ':memory:' AS {PostgresSql.Quote(catalog)}");
        foreach (var tableReferences in references.GroupBy(r => $"{r.Schema}.{r.Table}".ToLowerInvariant()))
        {
            var (schema, table, columns) = described[tableReferences.Key];
            var load = PostgresPushdown.Plan(schema, table, columns, tableReferences.Select(r => r.Reference).ToList(), parsed);
            try
            {
                await PostgresTableLoader.LoadAsync(source, duck, catalog, load, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // The server's own error, or the connection lost mid-copy (backend terminated, server restarted, network
                // cut): this run fails; the next one opens a new connection.
                throw new QueryException(QueryErrorKind.SourceUnavailable,
                    $"Connection '{connection.Name}': reading {schema}.{table} failed: {(ex is PostgresException postgres ? postgres.MessageText : ex.Message)}", ex);
            }
        }
    }

    /// <summary>Runs one or more statements that return nothing.</summary>
    public static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
