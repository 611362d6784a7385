using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.History;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>Reads: dataset browse, streaming, history, and the JSON mapping shared by reads and writes.</summary>
public abstract partial class RelationalCatalogStore
{
    public async Task<DatasetPage> ListDatasetsAsync(DatasetQuery query, CancellationToken cancellationToken)
    {
        if (query.First is < 0 or > 1000)
        {
            throw CatalogException.BadInput("'first' must be between 0 and 1000.");
        }

        if (query.Order != DatasetOrder.Name && query.AfterName is not null && query.AfterSortKey is null)
        {
            throw CatalogException.BadInput($"Continuing a browse ordered by {query.Order} needs the sort key of the last dataset as well as its name.");
        }

        var where = new List<string> { "e.type = 'dataset'" };
        var parameters = new DynamicParameters();
        void Equal(string column, string parameter, string? value)
        {
            if (value is not null)
            {
                where.Add($"{column} = @{parameter}");
                parameters.Add(parameter, value);
            }
        }

        void Linked(string rel, string parameter, string? value)
        {
            if (value is not null)
            {
                where.Add($"EXISTS (SELECT 1 FROM entity_links l WHERE l.urn = e.urn AND l.rel = '{rel}' AND l.target = @{parameter})");
                parameters.Add(parameter, value);
            }
        }

        Equal("e.catalog", "catalog", query.Catalog);
        Equal("e.schema_name", "schema", query.Schema);
        Equal("e.platform", "platform", query.Platform);
        Linked(EntityLinks.Tag, "tag", query.Tag);
        Linked(EntityLinks.Owner, "owner", query.Owner);
        Linked(EntityLinks.Domain, "domain", query.Domain);
        Linked(EntityLinks.Term, "term", query.GlossaryTerm);
        if (!query.IncludeRemoved)
        {
            where.Add("e.removed = 0");
        }

        if (query.ExcludeDeprecated)
        {
            where.Add("e.deprecated = 0");
        }

        var filter = string.Join(" AND ", where);
        await using var connection = await OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM entities e WHERE {filter}", parameters, cancellationToken: cancellationToken));

        // The sort key goes first in the ORDER BY and the name breaks ties, so (key, name) is unique and the keyset
        // condition below starts the next page exactly after the previous page's last row.
        var (from, key) = query.Order switch
        {
            DatasetOrder.Name => ("entities e", "CAST(0 AS BIGINT)"),
            DatasetOrder.RecentlyUpdated => ("entities e", "e.updated_at"),
            DatasetOrder.MostQueried => ($"entities e LEFT JOIN ({QueryCountsSql}) u ON u.dataset_urn = e.urn", "COALESCE(u.n, 0)"),
            _ => throw CatalogException.BadInput($"Unknown dataset order {query.Order}."),
        };
        if (query.Order == DatasetOrder.MostQueried)
        {
            parameters.Add("state", Succeeded);
            parameters.Add("since", long.MinValue);
        }

        if (query.AfterName is not null)
        {
            filter += query.Order == DatasetOrder.Name
                ? " AND e.name > @after"
                : $" AND ({key} < @afterKey OR ({key} = @afterKey AND e.name > @after))";
            parameters.Add("after", query.AfterName);
            parameters.Add("afterKey", query.AfterSortKey ?? 0);
        }

        var orderBy = query.Order == DatasetOrder.Name ? "e.name" : $"{key} DESC, e.name";
        parameters.Add("limit", query.First + 1);
        var rows = (await connection.QueryAsync<(string Doc, long Key)>(new CommandDefinition(
            $"SELECT e.doc, {key} FROM {from} WHERE {filter} ORDER BY {orderBy} LIMIT @limit", parameters, cancellationToken: cancellationToken))).ToList();
        var page = rows.Take(query.First).ToList();
        return new DatasetPage(page.Select(r => Read<Dataset>(r.Doc)).ToList(), (int)total, rows.Count > query.First)
        {
            Order = query.Order,
            SortKeys = page.Select(r => r.Key).ToList(),
        };
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

    public async Task<IReadOnlyList<ChangeEvent>> GetHistoryAsync(string urn, int first, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Urn, string Aspect, string Actor, long At, string Summary, string? Before, string? After)>(new CommandDefinition(
            "SELECT id, urn, aspect, actor, at, summary, before_json, after_json FROM changes WHERE urn = @urn ORDER BY id DESC LIMIT @first",
            new { urn, first = Math.Clamp(first, 0, 1000) }, cancellationToken: cancellationToken));
        return rows.Select(r => new ChangeEvent(r.Id, r.Urn, r.Aspect, r.Actor, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Summary, r.Before, r.After)).ToList();
    }

    protected long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static T Read<T>(string doc) where T : class, ICatalogEntity =>
        JsonSerializer.Deserialize<T>(doc, CatalogJson.Options) ?? throw new InvalidDataException("A stored entity document is empty.");

    private static Dictionary<string, string> SerializeAspects(ICatalogEntity entity) =>
        entity.Aspects().ToDictionary(a => a.Key, a => JsonSerializer.Serialize(a.Value, CatalogJson.AspectOptions), StringComparer.Ordinal);

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
}
