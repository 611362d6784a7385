using Dapper;

namespace TownLake.Catalog.Stores;

/// <summary>Pending and completed data migrations (<c>data_migrations</c>).</summary>
public abstract partial class RelationalCatalogStore : IDataMigrationLog
{
    public async Task<bool> IsDataMigrationPendingAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM data_migrations WHERE name = @name AND done_at IS NULL", new { name }, cancellationToken: cancellationToken)) > 0;
    }

    public Task CompleteDataMigrationAsync(string name, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE data_migrations SET done_at = @at WHERE name = @name AND done_at IS NULL", new { name, at = Now() }, cancellationToken);
}
