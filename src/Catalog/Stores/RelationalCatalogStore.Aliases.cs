using Dapper;
using TownLake.Catalog.Lineage;

namespace TownLake.Catalog.Stores;

/// <summary>Outside names of datasets (<c>dataset_aliases</c>).</summary>
public abstract partial class RelationalCatalogStore : IDatasetAliasStore
{
    public async Task SaveDatasetAliasesAsync(IReadOnlyList<DatasetAlias> aliases, CancellationToken cancellationToken)
    {
        if (aliases.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        foreach (var alias in aliases.DistinctBy(a => (a.Namespace, a.Name)))
        {
            var isPrimary = alias.IsPrimary && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM dataset_aliases WHERE urn = @DatasetUrn AND is_primary = 1 AND NOT (namespace = @Namespace AND name = @Name)",
                alias, transaction, cancellationToken: cancellationToken)) == 0;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO dataset_aliases (namespace, name, urn, is_primary) VALUES (@Namespace, @Name, @DatasetUrn, @primary)
                ON CONFLICT (namespace, name) DO UPDATE SET is_primary = CASE WHEN dataset_aliases.urn = excluded.urn
                  THEN (CASE WHEN dataset_aliases.is_primary = 1 OR excluded.is_primary = 1 THEN 1 ELSE 0 END) ELSE dataset_aliases.is_primary END
                """,
                new { alias.Namespace, alias.Name, alias.DatasetUrn, primary = isPrimary ? 1 : 0 }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemoveDatasetAliasesAsync(IReadOnlyList<(string Namespace, string Name)> names, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        foreach (var (ns, name) in names.Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM dataset_aliases WHERE namespace = @ns AND name = @name", new { ns, name }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DatasetAlias?> FindDatasetAliasAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Namespace, string Name, string Urn, long IsPrimary)?>(new CommandDefinition(
            "SELECT namespace, name, urn, is_primary FROM dataset_aliases WHERE namespace = @namespace AND name = @name",
            new { @namespace, name }, cancellationToken: cancellationToken));
        return row is { } r ? new DatasetAlias(r.Namespace, r.Name, r.Urn, r.IsPrimary == 1) : null;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DatasetAlias>>> GetDatasetAliasesAsync(IReadOnlyCollection<string> urns, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<DatasetAlias>>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in urns.Distinct().Chunk(500))
        {
            var (names, parameters) = InList(chunk);

            var rows = await connection.QueryAsync<(string Namespace, string Name, string Urn, long IsPrimary)>(new CommandDefinition(
                $"SELECT namespace, name, urn, is_primary FROM dataset_aliases WHERE urn IN ({names}) ORDER BY is_primary DESC, namespace, name",
                parameters, cancellationToken: cancellationToken));
            foreach (var r in rows)
            {
                if (!result.TryGetValue(r.Urn, out var list))
                {
                    result[r.Urn] = list = [];
                }

                list.Add(new DatasetAlias(r.Namespace, r.Name, r.Urn, r.IsPrimary == 1));
            }
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<DatasetAlias>)p.Value, StringComparer.Ordinal);
    }
}
