using DuckDB.NET.Data;
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

    /// <summary>The resource bounds of each DuckDB this engine opens (a <see cref="DuckDbFileSession"/> takes them too).</summary>
    internal DuckDbEngineOptions Options => _options;

    /// <inheritdoc />
    public bool Supports(ConnectionType type) => type is ConnectionType.DuckDb or ConnectionType.Files or ConnectionType.Postgres;

    /// <inheritdoc />
    public async Task<IQueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var analysis = request.Analysis
            ?? throw new ArgumentException("The request carries no statement analysis; start it through QueryRunner, which analyzes it.", nameof(request));
        var connection = new DuckDBConnection("DataSource=:memory:");
        var spill = CreateSpillDirectory(_options);
        try
        {
            connection.Open();
            ApplyResourceLimits(connection, spill, _options);
            analysis.EnsureRunnable();
            var parsed = analysis.Tree ?? throw new InvalidOperationException("A runnable statement analysis has a parse tree.");
            // The allow-list reads the same parse tree: a function outside it never runs, whatever it would read.
            TableFunctionPolicy.Check(parsed.TableFunctions, parsed.Functions);
            var references = BoundReference.ResolveAll(parsed, request.Connections);
            await RequireQueryableAsync(references, request, cancellationToken);
            var visibility = request.Visibility;
            if (visibility is not null)
            {
                GovernedViews.RequireVisible(references, visibility);
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
                        FederatedSources.AttachDuckDb(connection, group.Key, group.ToList(), catalog);
                        break;
                    case ConnectionType.Files:
                        allowedDirectories.Add(FederatedSources.MountFiles(connection, group.Key, group.ToList(), catalog));
                        break;
                    case ConnectionType.Postgres:
                        await FederatedSources.LoadPostgresAsync(connection, group.Key, group.ToList(), parsed, catalog, cancellationToken);
                        break;
                }

                if (visibility is not null)
                {
                    GovernedViews.CreateGovernedViews(connection, group.Key, group.ToList(), catalog, visibility);
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

    /// <summary>Starts <paramref name="sql"/> on <paramref name="connection"/>; the result owns the connection and the spill directory when <paramref name="spill"/> is given, a session's result owns neither.</summary>
    internal static DuckDbQueryResult Run(DuckDBConnection connection, string? spill, string sql, CancellationToken cancellationToken)
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

    internal static string CreateSpillDirectory(DuckDbEngineOptions options) =>
        SpillDirectory.Create(options.SpillRoot ?? Path.Combine(Path.GetTempPath(), "townlake-duckdb-spill"));

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

    internal static void ApplyResourceLimits(DuckDBConnection duck, string spill, DuckDbEngineOptions options)
    {
        // Set before external access is disabled (which then admits this directory only): the default '.tmp' in the
        // working directory would be shared by every query and readable from any of them.
        FederatedSources.Execute(duck, $"SET temp_directory = {PostgresSql.Literal(spill)}; SET max_temp_directory_size = {PostgresSql.Literal(options.MaxSpillSize)}");
        if (options.MemoryLimit is { } limit)
        {
            FederatedSources.Execute(duck, $"SET memory_limit = {PostgresSql.Literal(limit)}");
        }

        if (options.Threads is { } threads)
        {
            FederatedSources.Execute(duck, $"SET threads = {threads}");
        }
    }

    internal static void LockDown(DuckDBConnection duck, List<string> allowedDirectories)
    {
        // From here on the statement may read only the configured file directories: no read_csv('/etc/passwd').
        var directories = string.Join(", ", allowedDirectories.Select(d => PostgresSql.Literal(d.TrimEnd('/') + "/")));
        FederatedSources.Execute(duck,
            $"SET allowed_directories = [{directories}]; SET enable_external_access = false; SET lock_configuration = true;");
    }
}
