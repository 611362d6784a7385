using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>Entities: whole documents as JSON, links in <c>entity_links</c>, one <c>changes</c> row per changed aspect.</summary>
public abstract partial class RelationalCatalogStore : IEntityStore
{
    public async Task<T?> GetAsync<T>(string urn, CancellationToken cancellationToken) where T : class, ICatalogEntity
    {
        await using var connection = await OpenAsync(cancellationToken);
        var doc = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("SELECT doc FROM entities WHERE urn = @urn", new { urn }, cancellationToken: cancellationToken));
        return doc is null ? null : Read<T>(doc);
    }

    public async Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IReadOnlyCollection<string> urns, CancellationToken cancellationToken) where T : class, ICatalogEntity
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (urns.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken);
        // Chunks keep the parameter count under SQLite's limit.
        foreach (var chunk in urns.Distinct().Chunk(500))
        {
            var (names, parameters) = InList(chunk);

            var rows = await connection.QueryAsync<(string Urn, string Doc)>(new CommandDefinition($"SELECT urn, doc FROM entities WHERE urn IN ({names})", parameters, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                result[row.Urn] = Read<T>(row.Doc);
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(EntityType type, bool includeRemoved, CancellationToken cancellationToken) where T : class, ICatalogEntity
    {
        await using var connection = await OpenAsync(cancellationToken);
        var sql = "SELECT doc FROM entities WHERE type = @type" + (includeRemoved ? "" : " AND removed = 0") + " ORDER BY name";
        var docs = await connection.QueryAsync<string>(new CommandDefinition(sql, new { type = TypeName(type) }, cancellationToken: cancellationToken));
        return docs.Select(Read<T>).ToList();
    }

    public async Task<SaveResult<T>> SaveAsync<T>(string urn, Func<T?, T> change, string actor, CancellationToken cancellationToken) where T : class, ICatalogEntity =>
        (await SaveManyAsync([new EntityChange<T>(urn, change)], actor, cancellationToken))[0];

    public async Task<IReadOnlyList<SaveResult<T>>> SaveManyAsync<T>(IReadOnlyList<EntityChange<T>> changes, string actor, CancellationToken cancellationToken) where T : class, ICatalogEntity
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var results = new List<SaveResult<T>>(changes.Count);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await BeginWriteAsync(connection, cancellationToken);
            // A URN changed twice in one call must see its first change, so such a batch goes one change at a time;
            // otherwise the whole batch is read, merged and written with a handful of statements per chunk.
            var distinct = changes.Select(c => c.Urn).Distinct(StringComparer.Ordinal).Count() == changes.Count;
            foreach (var chunk in distinct ? changes.Chunk(WriteChunk) : changes.Select(c => new[] { c }))
            {
                results.AddRange(await SaveChunkAsync(connection, transaction, chunk, actor, cancellationToken));
            }

            await CommitWithChangesAsync(connection, transaction, results.Where(r => r.Changed).Select(r => new ChangeLog.ChangeRecord(TypeName(r.Entity.Type), r.Entity.Urn)).ToList(), cancellationToken);
        }
        catch (DbException ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }

        _feed.Publish(results.Where(r => r.Changed).Select(r => (ICatalogEntity)r.Entity).ToList());
        return results;
    }

    /// <summary>Entities per read and per write statement: keeps each statement's parameters under SQLite's limit.</summary>
    private const int WriteChunk = 200;

    /// <summary>
    /// Saves changes of distinct URNs: one locking read of their rows, then one statement each for the documents, their
    /// links and their history, instead of five round trips per entity (which bounded ingestion at a few hundred per second).
    /// </summary>
    private async Task<List<SaveResult<T>>> SaveChunkAsync<T>(DbConnection connection, DbTransaction transaction, IReadOnlyList<EntityChange<T>> items, string actor, CancellationToken cancellationToken) where T : class, ICatalogEntity
    {
        var (names, parameters) = InList(items.Select(i => i.Urn).ToList());
        // Rows are locked in URN order, so two batches over the same entities cannot deadlock each other.
        var rows = (await connection.QueryAsync<(string Urn, string Doc, long Version)>(new CommandDefinition(
            $"SELECT urn, doc, version FROM entities WHERE urn IN ({names}) ORDER BY urn{ForUpdate}", parameters, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Urn, StringComparer.Ordinal);
        var results = new List<SaveResult<T>>(items.Count);
        var documents = new List<object?[]>();
        var links = new List<object?[]>();
        var history = new List<object?[]>();
        var relinked = new List<string>();
        foreach (var item in items)
        {
            var row = rows.TryGetValue(item.Urn, out var found) ? found : ((string Urn, string Doc, long Version)?)null;
            var before = row is null ? null : Read<T>(row.Value.Doc);
            var proposed = item.Change(before);
            if (proposed.Urn != item.Urn)
            {
                throw new InvalidOperationException($"A change of {item.Urn} returned an entity with URN {proposed.Urn}.");
            }

            var beforeAspects = before is null ? new Dictionary<string, string>() : SerializeAspects(before);
            var afterAspects = SerializeAspects(proposed);
            var changed = afterAspects.Where(a => !beforeAspects.TryGetValue(a.Key, out var old) || old != a.Value).Select(a => a.Key).ToList();
            if (changed.Count == 0 && before is not null)
            {
                results.Add(new SaveResult<T>(before, [], false));
                continue;
            }

            var now = _clock.GetUtcNow();
            var stored = (T)proposed.Stamped(before?.CreatedAt ?? (proposed.CreatedAt == default ? now : proposed.CreatedAt), now);
            var dataset = stored as Dataset;
            documents.Add(
            [
                stored.Urn,
                TypeName(stored.Type),
                stored.Name,
                dataset?.Catalog,
                dataset?.Schema,
                dataset?.Platform,
                stored.Removed ? 1 : 0,
                dataset?.Deprecation?.Deprecated == true ? 1 : 0,
                stored.CreatedAt.ToUnixTimeMilliseconds(),
                stored.UpdatedAt.ToUnixTimeMilliseconds(),
                (row?.Version ?? 0) + 1,
                JsonSerializer.Serialize(stored, stored.GetType(), CatalogJson.Options),
            ]);
            if (before is not null)
            {
                relinked.Add(stored.Urn);
            }

            links.AddRange(EntityLinks.Of(stored).Select(l => new object?[] { stored.Urn, l.Rel, l.Target }));
            history.AddRange(changed.Select(aspect => new object?[]
            {
                stored.Urn,
                aspect,
                actor,
                now.ToUnixTimeMilliseconds(),
                before is null ? $"created ({aspect})" : $"changed {aspect}",
                beforeAspects.GetValueOrDefault(aspect),
                afterAspects[aspect],
            }));
            results.Add(new SaveResult<T>(stored, changed, before is null));
        }

        await InsertRowsAsync(connection, transaction, "entities (urn, type, name, catalog, schema_name, platform, removed, deprecated, created_at, updated_at, version, doc)", documents, cancellationToken,
            """
             ON CONFLICT (urn) DO UPDATE SET name = excluded.name, catalog = excluded.catalog, schema_name = excluded.schema_name,
              platform = excluded.platform, removed = excluded.removed, deprecated = excluded.deprecated, updated_at = excluded.updated_at, version = excluded.version, doc = excluded.doc
            """);
        if (relinked.Count > 0)
        {
            var (stale, staleParameters) = InList(relinked);
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM entity_links WHERE urn IN ({stale})", staleParameters, transaction, cancellationToken: cancellationToken));
        }

        await InsertRowsAsync(connection, transaction, "entity_links (urn, rel, target)", links, cancellationToken);
        await InsertRowsAsync(connection, transaction, "changes (urn, aspect, actor, at, summary, before_json, after_json)", history, cancellationToken);
        return results;
    }

    public async IAsyncEnumerable<T> StreamAsync<T>(EntityType type, [EnumeratorCancellation] CancellationToken cancellationToken) where T : class, ICatalogEntity
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT doc FROM entities WHERE type = @type ORDER BY name", new { type = TypeName(type) }, cancellationToken: cancellationToken, flags: CommandFlags.None));
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read<T>(reader.GetString(0));
        }
    }

    private static Dictionary<string, string> SerializeAspects(ICatalogEntity entity) =>
        entity.Aspects().ToDictionary(a => a.Key, a => JsonSerializer.Serialize(a.Value, CatalogJson.AspectOptions), StringComparer.Ordinal);
}
