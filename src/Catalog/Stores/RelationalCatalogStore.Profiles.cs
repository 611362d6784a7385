using System.Text.Json;
using Dapper;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Profiles;

namespace TownLake.Catalog.Stores;

/// <summary>Dataset profiles (<c>dataset_profiles</c>): the latest profile per dataset, as one JSON document.</summary>
public abstract partial class RelationalCatalogStore : IProfileStore
{
    public async Task SaveProfileAsync(DatasetProfile profile, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO dataset_profiles (dataset_urn, profiled_at, body) VALUES (@DatasetUrn, @ProfiledAt, @Body)
            ON CONFLICT (dataset_urn) DO UPDATE SET profiled_at = excluded.profiled_at, body = excluded.body
            """,
            new { profile.DatasetUrn, ProfiledAt = profile.ProfiledAt.ToUnixTimeMilliseconds(), Body = JsonSerializer.Serialize(profile, CatalogJson.Options) },
            transaction, cancellationToken: cancellationToken));
        // The dataset's search document carries its columns' top values: the change log tells every replica's index.
        await CommitWithChangesAsync(connection, transaction, [new ChangeLog.ChangeRecord(TypeName(EntityType.Dataset), profile.DatasetUrn)], cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, DatasetProfile>> GetProfilesAsync(IReadOnlyCollection<string> datasetUrns, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, DatasetProfile>(StringComparer.Ordinal);
        if (datasetUrns.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in datasetUrns.Distinct().Chunk(500))
        {
            var (names, parameters) = InList(chunk);
            var bodies = await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT body FROM dataset_profiles WHERE dataset_urn IN ({names})", parameters, cancellationToken: cancellationToken));
            foreach (var body in bodies)
            {
                if (JsonSerializer.Deserialize<DatasetProfile>(body, CatalogJson.Options) is { } profile)
                {
                    result[profile.DatasetUrn] = profile;
                }
            }
        }

        return result;
    }
}
