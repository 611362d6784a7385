using TownLake.Catalog.Datasets;
using TownLake.Catalog.History;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="IEntityHistoryStore"/> must do: one entry per changed aspect, newest first, with who and what.</summary>
public abstract class EntityHistoryStoreContract(IStoreDatabase database) : StoreContract(database)
{
    [SkippableFact]
    public async Task Saving_the_same_dataset_twice_records_one_history_entry_per_aspect()
    {
        var dataset = NewDataset("demo.dim.accounts", "account_id");
        var first = await SaveAsync(dataset);
        var second = await SaveAsync(dataset);

        Assert.True(first.Created);
        Assert.False(second.Changed);
        var history = await History.GetHistoryAsync(dataset.Urn, 100, None);
        Assert.Equal(first.ChangedAspects.Count, history.Count);
    }

    [SkippableFact]
    public async Task A_change_is_recorded_with_actor_and_before_and_after()
    {
        var dataset = NewDataset("demo.dim.accounts", "account_id");
        await SaveAsync(dataset);
        await Entities.SaveAsync<Dataset>(dataset.Urn, d => d! with { EditedDescription = "One row per account" }, "alice", None);

        var history = await History.GetHistoryAsync(dataset.Urn, 10, None);

        var change = history[0];
        Assert.Equal("documentation", change.Aspect);
        Assert.Equal("alice", change.Actor);
        Assert.Contains("One row per account", change.After);
        Assert.DoesNotContain("One row per account", change.Before);
    }

    [SkippableFact]
    public async Task History_is_newest_first_capped_at_the_requested_count_and_kept_per_entity()
    {
        var dataset = NewDataset("demo.dim.accounts", "account_id");
        await SaveAsync(dataset);
        await SaveAsync(NewDataset("demo.dim.other", "x"));
        for (var i = 1; i <= 3; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await Entities.SaveAsync<Dataset>(dataset.Urn, d => d! with { EditedDescription = "edit " + i }, "editor" + i, None);
        }

        var latestTwo = await History.GetHistoryAsync(dataset.Urn, 2, None);
        var none = await History.GetHistoryAsync(DatasetUrn("demo.dim.unknown"), 10, None);

        Assert.Equal(["editor3", "editor2"], latestTwo.Select(c => c.Actor));
        Assert.True(latestTwo[0].At > latestTwo[1].At);
        Assert.All(latestTwo, c => Assert.Equal(dataset.Urn, c.Urn));
        Assert.Empty(none);
    }
}

/// <summary>The history contract on SQLite.</summary>
public sealed class SqliteEntityHistoryStoreTests() : EntityHistoryStoreContract(new SqliteStoreDatabase());

/// <summary>The history contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEntityHistoryStoreTests(PostgresFixture fixture) : EntityHistoryStoreContract(new PostgresStoreDatabase(fixture));
