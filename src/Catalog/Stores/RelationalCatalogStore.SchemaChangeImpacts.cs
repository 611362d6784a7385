using System.Text.Json;
using Dapper;
using TownLake.Catalog.Lineage.Impact;

namespace TownLake.Catalog.Stores;

/// <summary>The recorded impacts of schema changes (<c>schema_change_impacts</c>, each as one JSON document).</summary>
public abstract partial class RelationalCatalogStore : ISchemaChangeImpactStore
{
    public async Task SaveSchemaChangeImpactAsync(SchemaChangeImpact impact, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO schema_change_impacts (dataset_urn, schema_version, at, body) VALUES (@urn, @version, @at, @body)
            ON CONFLICT (dataset_urn, schema_version) DO UPDATE SET at = excluded.at, body = excluded.body
            """,
            new { urn = impact.DatasetUrn, version = (long)impact.SchemaVersion, at = impact.At.ToUnixTimeMilliseconds(), body = JsonSerializer.Serialize(impact, CatalogJson.Options) },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SchemaChangeImpact>> ListSchemaChangeImpactsAsync(string datasetUrn, int first, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var bodies = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT body FROM schema_change_impacts WHERE dataset_urn = @datasetUrn ORDER BY schema_version DESC LIMIT @first",
            new { datasetUrn, first = Math.Clamp(first, 0, 1000) }, cancellationToken: cancellationToken));
        return bodies.Select(ReadImpact).ToList();
    }

    public async Task<SchemaChangeImpact?> GetSchemaChangeImpactAsync(string datasetUrn, int schemaVersion, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var body = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT body FROM schema_change_impacts WHERE dataset_urn = @datasetUrn AND schema_version = @version",
            new { datasetUrn, version = (long)schemaVersion }, cancellationToken: cancellationToken));
        return body is null ? null : ReadImpact(body);
    }

    private static SchemaChangeImpact ReadImpact(string body) =>
        JsonSerializer.Deserialize<SchemaChangeImpact>(body, CatalogJson.Options) ?? throw new InvalidDataException("A stored schema change impact is empty.");
}
