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

        var filter = string.Join(" AND ", where);
        await using var connection = await OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM entities e WHERE {filter}", parameters, cancellationToken: cancellationToken));
        if (query.AfterName is not null)
        {
            filter += " AND e.name > @after";
            parameters.Add("after", query.AfterName);
        }

        parameters.Add("limit", query.First + 1);
        var docs = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT e.doc FROM entities e WHERE {filter} ORDER BY e.name LIMIT @limit", parameters, cancellationToken: cancellationToken))).ToList();
        var items = docs.Take(query.First).Select(Read<Dataset>).ToList();
        return new DatasetPage(items, (int)total, docs.Count > query.First);
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
