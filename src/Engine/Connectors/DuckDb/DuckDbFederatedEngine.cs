using DuckDB.NET.Data;
using Npgsql;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.Files;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.Postgres;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Embedded DuckDB engine that federates <c>duckdb</c>, <c>files</c> and <c>postgres</c> connections. Each query gets
/// its own in-memory DuckDB where every referenced connection appears as a catalog of its name:
/// DuckDB files are ATTACHed READ_ONLY, file datasets become views over <c>read_parquet</c>/<c>read_csv_auto</c>, and
/// PostgreSQL tables are streamed in through Npgsql with projection, filter and limit pushdown. Then external file
/// access is locked to the configured directories and the statement runs. Only the table functions of
/// <see cref="TableFunctionPolicy"/> may be called, and each query spills into its own private directory, removed afterwards.
/// </summary>
public sealed class DuckDbFederatedEngine : IQueryEngine
{
    private static readonly HashSet<string> ReservedCatalogs = new(StringComparer.OrdinalIgnoreCase) { "memory", "system", "temp", "main" };
    private readonly DuckDbEngineOptions _options;

    public DuckDbFederatedEngine(DuckDbEngineOptions? options = null)
    {
        _options = options ?? new DuckDbEngineOptions();
        if (_options.MemoryLimit is { } limit && DuckDbSize.Bytes(limit) is not > 0)
        {
            throw new ArgumentException($"DuckDB memory limit '{limit}' is not a size such as '512MB' or '2GB'.", nameof(options));
        }

        if (_options.Threads is < 1)
        {
            throw new ArgumentException("DuckDB threads must be at least 1.", nameof(options));
        }

        if (DuckDbSize.Bytes(_options.MaxSpillSize) is not > 0)
        {
            throw new ArgumentException($"DuckDB spill size '{_options.MaxSpillSize}' is not a size such as '512MB' or '4GB'.", nameof(options));
        }
    }

    /// <inheritdoc />
    public string Name => "duckdb";

    /// <inheritdoc />
    public bool Supports(ConnectionType type) => type is ConnectionType.DuckDb or ConnectionType.Files or ConnectionType.Postgres;

    /// <inheritdoc />
    public async Task<IQueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var analysis = request.Analysis
            ?? throw new ArgumentException("The request carries no statement analysis; start it through QueryRunner, which analyzes it.", nameof(request));
        var connection = new DuckDBConnection("DataSource=:memory:");
        var spill = CreateSpillDirectory();
        try
        {
            connection.Open();
            ApplyResourceLimits(connection, spill);
            analysis.EnsureRunnable();
            var parsed = analysis.Tree ?? throw new InvalidOperationException("A runnable statement analysis has a parse tree.");
            // The allow-list reads the same parse tree: a function outside it never runs, whatever it would read.
            TableFunctionPolicy.Check(parsed.TableFunctions, parsed.Functions);
            var references = Resolve(parsed, request.Connections);
            await RequireQueryableAsync(references, request, cancellationToken);
            var visibility = request.Visibility;
            if (visibility is not null)
            {
                RequireVisible(references, visibility);
            }

            var allowedDirectories = new List<string>();
            foreach (var group in references.GroupBy(r => r.Connection))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Governed: the source is set up under a name the statement cannot know, and the connection's own name
                // becomes a catalog of views showing only what the query may see.
                var catalog = visibility is null ? group.Key.Name : "tl_source_" + Guid.NewGuid().ToString("N");
                switch (group.Key.Type)
                {
                    case ConnectionType.DuckDb:
                        AttachDuckDb(connection, group.Key, group.ToList(), catalog);
                        break;
                    case ConnectionType.Files:
                        allowedDirectories.Add(MountFiles(connection, group.Key, group.ToList(), catalog));
                        break;
                    case ConnectionType.Postgres:
                        await LoadPostgresAsync(connection, group.Key, group.ToList(), parsed, catalog, cancellationToken);
                        break;
                }

                if (visibility is not null)
                {
                    CreateGovernedViews(connection, group.Key, group.ToList(), catalog, visibility);
                }
            }

            LockDown(connection, allowedDirectories);
            return Run(connection, spill, request.Sql, cancellationToken);
        }
        catch (DuckDBException ex)
        {
            await connection.DisposeAsync();
            SpillDirectory.Remove(spill);
            cancellationToken.ThrowIfCancellationRequested();
            throw DuckDbErrors.ToQueryException(ex);
        }
        catch
        {
            await connection.DisposeAsync();
            SpillDirectory.Remove(spill);
            throw;
        }
    }

    private static DuckDbQueryResult Run(DuckDBConnection connection, string spill, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.UseStreamingMode = true;
        try
        {
            // Checked first so a cancel during setup starts nothing; the interrupter covers a cancel that lands after the
            // check but before DuckDB has started the statement (see DuckDbInterrupter).
            cancellationToken.ThrowIfCancellationRequested();
            using var interrupter = new DuckDbInterrupter(command, cancellationToken);
            var reader = command.ExecuteReader();
            return new DuckDbQueryResult(connection, command, reader, spill);
        }
        catch (DuckDBException ex)
        {
            command.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw DuckDbErrors.ToQueryException(ex);
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    /// <summary>A table reference bound to its connection, with DuckDB's defaults filled in (<c>conn.t</c> = <c>conn.main.t</c>).</summary>
    private sealed record BoundReference(TableReference Reference, ConnectionSettings Connection, string Schema, string Table)
    {
        public string DatasetName => $"{Connection.Name}.{Schema}.{Table}";
    }

    private static List<BoundReference> Resolve(ParsedStatement parsed, IReadOnlyList<ConnectionSettings> connections)
    {
        var byName = new Dictionary<string, ConnectionSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in connections)
        {
            byName[connection.Name] = connection;
        }

        var available = connections.Count == 0 ? "none" : string.Join(", ", connections.Select(c => c.Name).Order(StringComparer.Ordinal));
        var bound = new List<BoundReference>();
        foreach (var reference in parsed.Tables)
        {
            var (catalog, schema) = reference.Catalog is not null
                ? (reference.Catalog, reference.Schema ?? FileLayout.DefaultSchema)
                : (reference.Schema, FileLayout.DefaultSchema);
            var written = string.Join('.', new[] { reference.Catalog, reference.Schema, reference.Name }.Where(p => p is not null));
            if (catalog is null)
            {
                throw new QueryException(QueryErrorKind.UnknownDataset,
                    $"Unknown dataset '{written}': name datasets as connection.schema.table (configured connections: {available}).");
            }

            if (!byName.TryGetValue(catalog, out var connection))
            {
                throw new QueryException(QueryErrorKind.UnknownDataset,
                    $"Unknown dataset '{written}': there is no connection named '{catalog}' (configured connections: {available}).");
            }

            if (ReservedCatalogs.Contains(connection.Name))
            {
                throw new QueryException(QueryErrorKind.InvalidRequest,
                    $"Connection '{connection.Name}' cannot be queried with DuckDB because '{connection.Name}' is a reserved DuckDB catalog name; rename the connection.");
            }

            if (connection.Type is not (ConnectionType.DuckDb or ConnectionType.Files or ConnectionType.Postgres))
            {
                throw new QueryException(QueryErrorKind.InvalidRequest,
                    $"Dataset '{written}' is on the {connection.Type.ToName()} connection '{connection.Name}', which the DuckDB engine cannot read; run it on the {connection.Type.ToName()} engine.");
            }

            var problems = connection.Problems();
            if (problems.Count > 0)
            {
                throw new QueryException(QueryErrorKind.SourceUnavailable, string.Join(" ", problems));
            }

            bound.Add(new BoundReference(reference, connection, schema, reference.Name));
        }

        return bound;
    }

    private static void AttachDuckDb(DuckDBConnection duck, ConnectionSettings connection, List<BoundReference> references, string catalog)
    {
        var path = connection.Path!;
        if (path != ":memory:" && !File.Exists(path))
        {
            throw new QueryException(QueryErrorKind.SourceUnavailable,
                $"Connection '{connection.Name}': the DuckDB file '{path}' does not exist.");
        }

        Execute(duck, $"ATTACH {PostgresSql.Literal(path)} AS {PostgresSql.Quote(catalog)} (READ_ONLY)");
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

        RequireAll(references, r => existing.Contains($"{r.Schema}.{r.Table}".ToLowerInvariant()));
    }

    private static string MountFiles(DuckDBConnection duck, ConnectionSettings connection, List<BoundReference> references, string catalogName)
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
        RequireAll(references, r => byName.ContainsKey($"{r.Schema}.{r.Table}".ToLowerInvariant()));
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

    private static async Task LoadPostgresAsync(
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
        RequireAll(references, r => described.ContainsKey($"{r.Schema}.{r.Table}"));
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

    private string CreateSpillDirectory() =>
        SpillDirectory.Create(_options.SpillRoot ?? Path.Combine(Path.GetTempPath(), "townlake-duckdb-spill"));

    private static async Task RequireQueryableAsync(List<BoundReference> references, QueryRequest request, CancellationToken cancellationToken)
    {
        if (request.IsQueryable is not { } isQueryable)
        {
            return;
        }

        foreach (var name in references.Select(r => r.DatasetName).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!await isQueryable(name, cancellationToken))
            {
                throw new QueryException(QueryErrorKind.UnknownDataset,
                    $"Unknown dataset '{name}': it is not in the catalog; only catalogued datasets can be queried (ingest its connection first).");
            }
        }
    }

    private void ApplyResourceLimits(DuckDBConnection duck, string spill)
    {
        // Set before external access is disabled (which then admits this directory only): the default '.tmp' in the
        // working directory would be shared by every query and readable from any of them.
        Execute(duck, $"SET temp_directory = {PostgresSql.Literal(spill)}; SET max_temp_directory_size = {PostgresSql.Literal(_options.MaxSpillSize)}");
        if (_options.MemoryLimit is { } limit)
        {
            Execute(duck, $"SET memory_limit = {PostgresSql.Literal(limit)}");
        }

        if (_options.Threads is { } threads)
        {
            Execute(duck, $"SET threads = {threads}");
        }
    }

    private static void LockDown(DuckDBConnection duck, List<string> allowedDirectories)
    {
        // From here on the statement may read only the configured file directories: no read_csv('/etc/passwd').
        var directories = string.Join(", ", allowedDirectories.Select(d => PostgresSql.Literal(d.TrimEnd('/') + "/")));
        Execute(duck,
            $"SET allowed_directories = [{directories}]; SET enable_external_access = false; SET lock_configuration = true;");
    }

    private static void RequireVisible(List<BoundReference> references, QueryVisibility visibility)
    {
        var refused = references.FirstOrDefault(r => visibility.Find(r.Connection.Name, r.Schema, r.Table) is null);
        if (refused is not null)
        {
            throw new QueryException(QueryErrorKind.AccessDenied,
                $"Access denied to dataset '{refused.DatasetName}': it is not approved for querying or you hold no grant for it; request access on its catalog page.");
        }
    }

    /// <summary>
    /// Creates, in a catalog named as the connection, one view per table the statement reads with only the columns the
    /// query may see (masked ones as a keyed hash) over the source set up under <paramref name="source"/>. Columns the
    /// source does not have (the catalog is behind) are left out rather than failing the query.
    /// </summary>
    private static void CreateGovernedViews(DuckDBConnection duck, ConnectionSettings connection, List<BoundReference> references, string source, QueryVisibility visibility)
    {
        var catalog = PostgresSql.Quote(connection.Name);
        Execute(duck, $"ATTACH ':memory:' AS {catalog}");
        foreach (var reference in references.DistinctBy(r => $"{r.Schema}.{r.Table}".ToLowerInvariant()))
        {
            var visible = visibility.Find(connection.Name, reference.Schema, reference.Table)!;
            var existing = SourceColumns(duck, source, reference.Schema, reference.Table);
            var columns = visible.Columns.Where(c => existing.Contains(c.Name)).ToList();
            if (columns.Count == 0)
            {
                throw new QueryException(QueryErrorKind.AccessDenied,
                    $"Access denied to dataset '{reference.DatasetName}': none of its columns is approved for querying yet.");
            }

            var key = PostgresSql.Literal(visibility.MaskKey + ":");
            var projection = string.Join(", ", columns.Select(c =>
            {
                var name = PostgresSql.Quote(existing.First(e => string.Equals(e, c.Name, StringComparison.OrdinalIgnoreCase)));
                return c.Masked
                    ? $"CASE WHEN {name} IS NULL THEN NULL ELSE {PostgresSql.Literal(QueryVisibility.MaskPrefix)} || substr(sha256({key} || CAST({name} AS VARCHAR)), 1, 16) END AS {name}"
                    : name;
            }));
            var schema = PostgresSql.Quote(reference.Schema.ToLowerInvariant());
            Execute(duck,
                $"CREATE SCHEMA IF NOT EXISTS {catalog}.{schema}; " +
                $"CREATE VIEW {catalog}.{schema}.{PostgresSql.Quote(reference.Table.ToLowerInvariant())} AS SELECT {projection} " +
                $"FROM {PostgresSql.Quote(source)}.{PostgresSql.Quote(reference.Schema)}.{PostgresSql.Quote(reference.Table)}");
        }
    }

    private static HashSet<string> SourceColumns(DuckDBConnection duck, string catalog, string schema, string table)
    {
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT column_name FROM duckdb_columns() WHERE database_name = $1 AND lower(schema_name) = lower($2) AND lower(table_name) = lower($3)";
        command.Parameters.Add(new DuckDBParameter(catalog));
        command.Parameters.Add(new DuckDBParameter(schema));
        command.Parameters.Add(new DuckDBParameter(table));
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static void RequireAll(List<BoundReference> references, Func<BoundReference, bool> exists)
    {
        var missing = references.FirstOrDefault(r => !exists(r));
        if (missing is not null)
        {
            throw new QueryException(QueryErrorKind.UnknownDataset,
                $"Unknown dataset '{missing.DatasetName}': connection '{missing.Connection.Name}' has no table or view '{missing.Schema}.{missing.Table}'.");
        }
    }

    private static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
