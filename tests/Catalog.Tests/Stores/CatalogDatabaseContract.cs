using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="ICatalogDatabase"/> must do: initialize and migrate safely, keep data across restarts.</summary>
public abstract class CatalogDatabaseContract(IStoreDatabase database) : StoreContract(database)
{
    [SkippableFact]
    public async Task Initializing_twice_is_harmless()
    {
        await Schema.InitializeAsync(None);
        await SaveAsync(NewDataset("demo.a.b", "x"));
        await Schema.InitializeAsync(None);

        Assert.NotNull(await Entities.GetAsync<Dataset>(DatasetUrn("demo.a.b"), None));
    }

    [SkippableFact]
    public async Task Data_survives_reopening_the_store()
    {
        var dataset = NewDataset("demo.dim.kept", "x");
        await SaveAsync(dataset with { EditedDescription = "kept across restarts" });

        var reopened = Database.Reopen();
        await ((ICatalogDatabase)reopened).InitializeAsync(None);
        var loaded = await ((IEntityStore)reopened).GetAsync<Dataset>(dataset.Urn, None);
        if (reopened is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        Assert.Equal("kept across restarts", loaded!.Description);
    }

    [SkippableFact]
    public async Task Datasets_deprecated_before_the_deprecation_column_existed_are_left_out_after_the_migration()
    {
        await SaveAsync(NewDataset("demo.a.current", "x") with { SourceDescription = "mentions \"deprecation\":{\"deprecated\":true in its text" });
        await SaveAsync(NewDataset("demo.a.old", "x") with { Deprecation = new Deprecation(true, "gone", "alice", DateTimeOffset.UnixEpoch) });
        // Undo migration 30, as a database written before it would look.
        await Database.ExecuteSqlAsync("DROP INDEX ix_entities_type_updated");
        await Database.ExecuteSqlAsync("ALTER TABLE entities DROP COLUMN deprecated");
        await Database.ExecuteSqlAsync("DELETE FROM schema_migrations WHERE version = 30");

        await Schema.InitializeAsync(None);

        var page = await Browse.ListDatasetsAsync(new DatasetQuery { ExcludeDeprecated = true }, None);
        Assert.Equal(["demo.a.current"], page.Items.Select(d => d.Name));
    }
}

/// <summary>The database contract on SQLite.</summary>
public sealed class SqliteCatalogDatabaseTests() : CatalogDatabaseContract(new SqliteStoreDatabase());

/// <summary>The database contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCatalogDatabaseTests(PostgresFixture fixture) : CatalogDatabaseContract(new PostgresStoreDatabase(fixture));
