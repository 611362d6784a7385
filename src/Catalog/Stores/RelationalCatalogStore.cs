using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>
/// The catalog store over a relational database. Entities are rows with their whole document as JSON plus the
/// columns browse filters need; relations live in <c>entity_links</c>; history in <c>changes</c>; lineage in
/// <c>lineage_edges</c>, walked with recursive CTEs. SQLite and PostgreSQL share this SQL and differ only in
/// connections, locking and a few DDL words (see the two subclasses). One instance implements every store port,
/// each in its own partial file: <see cref="IEntityStore"/> (.Entities), <see cref="History.IEntityHistoryStore"/>
/// (.History), <see cref="Datasets.IDatasetBrowseStore"/> (.Browse), <see cref="Lineage.ILineageStore"/> (.Lineage),
/// <see cref="Lineage.IDatasetAliasStore"/> (.Aliases), <see cref="Lineage.OpenLineage.ILineageEventLog"/>
/// (.LineageEvents) and <see cref="QueryFront.IQueryAuditStore"/> (.Audit); this file holds the schema set-up
/// (<see cref="ICatalogDatabase"/>) and the helpers they share.
/// </summary>
public abstract partial class RelationalCatalogStore : ICatalogDatabase
{
    private readonly CatalogChangeFeed _feed;
    private readonly TimeProvider _clock;

    protected RelationalCatalogStore(CatalogChangeFeed feed, TimeProvider clock)
    {
        _feed = feed;
        _clock = clock;
    }

    /// <summary>Opens a connection ready for use.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction that serializes writers of the same entity.</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The clause that locks a selected row for the transaction (empty where the transaction already does).</summary>
    protected abstract string ForUpdate { get; }

    /// <summary>The column definition of an auto-numbered primary key.</summary>
    protected abstract string IdentityColumn { get; }

    /// <summary>Turns a driver error into a catalog error where it is one (e.g. a constraint violation); null otherwise.</summary>
    protected abstract CatalogException? Translate(DbException exception);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", transaction: transaction, cancellationToken: cancellationToken));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition("SELECT version FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
        foreach (var (version, statements) in CatalogMigrations.All(IdentityColumn))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            foreach (var sql in statements)
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)", new { version, at = Now() }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    protected long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static T Read<T>(string doc) where T : class, ICatalogEntity =>
        JsonSerializer.Deserialize<T>(doc, CatalogJson.Options) ?? throw new InvalidDataException("A stored entity document is empty.");


    /// <summary>The stored name of an entity type (stable: changing one needs a migration).</summary>
    public static string TypeName(EntityType type) => type switch
    {
        EntityType.Dataset => "dataset",
        EntityType.Column => "column",
        EntityType.GlossaryTerm => "glossaryTerm",
        EntityType.Tag => "tag",
        EntityType.Domain => "domain",
        EntityType.User => "user",
        EntityType.Group => "group",
        EntityType.Job => "job",
        EntityType.Document => "document",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Runs a statement that needs nothing back, inside its own connection.</summary>
    protected async Task ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Inserts rows with one multi-row statement per chunk: one round trip instead of one per row, which is what
    /// makes batch ingestion fast on a networked database.
    /// </summary>
    private static async Task InsertRowsAsync(DbConnection connection, DbTransaction transaction, string target, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken, string onConflict = "")
    {
        foreach (var chunk in rows.Chunk(200))
        {
            var parameters = new DynamicParameters();
            var values = new StringBuilder();
            for (var r = 0; r < chunk.Length; r++)
            {
                values.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < chunk[r].Length; c++)
                {
                    var name = $"p{r}_{c}";
                    parameters.Add(name, chunk[r][c]);
                    values.Append(c == 0 ? "@" : ", @").Append(name);
                }

                values.Append(')');
            }

            await connection.ExecuteAsync(new CommandDefinition($"INSERT INTO {target} VALUES {values}{onConflict}", parameters, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>An SQL <c>IN (...)</c> list of parameters for a chunk of values (chunks keep SQLite under its parameter limit).</summary>
    private static (string Sql, DynamicParameters Parameters) InList(IReadOnlyList<string> values)
    {
        var parameters = new DynamicParameters();
        var names = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            parameters.Add("u" + i, values[i]);
            names.Append(i == 0 ? "@u0" : ", @u" + i);
        }

        return (names.ToString(), parameters);
    }
}
