using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Tags;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="IEntityStore"/> must do: entities round-trip, batches are atomic, writes are published.</summary>
public abstract class EntityStoreContract(IStoreDatabase database) : StoreContract(database)
{
    [SkippableFact]
    public async Task Saved_dataset_round_trips_with_unusual_column_names()
    {
        var dataset = NewDataset("demo.tv.ratings", "Official_ratings_(millions)", "County Name", "prix €", "ключ", "a.b\"c");
        await SaveAsync(dataset with { Tags = ["curated"], SourceDescription = "Ratings" });

        var loaded = await Entities.GetAsync<Dataset>(dataset.Urn, None);

        Assert.NotNull(loaded);
        Assert.Equal(["Official_ratings_(millions)", "County Name", "prix €", "ключ", "a.b\"c"], loaded!.Columns.Select(c => c.Name));
        Assert.Equal("Ratings", loaded.Description);
        Assert.Equal(["curated"], loaded.Tags);
    }

    [SkippableFact]
    public async Task A_failed_batch_leaves_nothing_written()
    {
        var good = NewDataset("demo.a.good", "x");
        var changes = new List<EntityChange<Dataset>>
        {
            new(good.Urn, _ => good),
            new(DatasetUrn("demo.a.bad"), _ => throw new InvalidOperationException("boom")),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Entities.SaveManyAsync(changes, "tester", None));

        Assert.Null(await Entities.GetAsync<Dataset>(good.Urn, None));
        Assert.Empty(await History.GetHistoryAsync(good.Urn, 10, None));
    }

    [SkippableFact]
    public async Task A_batch_failing_after_earlier_chunks_were_written_leaves_nothing_written()
    {
        var existing = NewDataset("demo.big.t000", "x");
        await SaveAsync(existing);
        var historyBefore = (await History.GetHistoryAsync(existing.Urn, 10, None)).Count;
        var datasets = Enumerable.Range(0, 450).Select(i => NewDataset($"demo.big.t{i:D3}", "x", "y")).ToList();
        // The store writes a big batch chunk by chunk inside one transaction; the failure comes after two chunks were sent.
        var changes = datasets.Select((d, i) => new EntityChange<Dataset>(d.Urn, _ => i == 420 ? throw new InvalidOperationException("boom") : d)).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Entities.SaveManyAsync(changes, "tester", None));

        var loaded = await Entities.GetManyAsync<Dataset>(datasets.Select(d => d.Urn).ToList(), None);
        Assert.Equal([existing.Urn], loaded.Keys);
        Assert.Equal(["x"], loaded[existing.Urn].Columns.Select(c => c.Name));
        Assert.Empty(await History.GetHistoryAsync(datasets[1].Urn, 10, None));
        Assert.Equal(historyBefore, (await History.GetHistoryAsync(existing.Urn, 10, None)).Count);
    }

    [SkippableFact]
    public async Task A_batch_that_changes_one_entity_twice_applies_both_changes_in_order()
    {
        var dataset = NewDataset("demo.twice.t", "x");
        var changes = new List<EntityChange<Dataset>>
        {
            new(dataset.Urn, _ => dataset with { Tags = ["first"] }),
            new(dataset.Urn, d => d! with { Tags = [.. d.Tags, "second"] }),
        };

        var results = await Entities.SaveManyAsync(changes, "tester", None);

        Assert.True(results[0].Created);
        Assert.Equal(["first", "second"], (await Entities.GetAsync<Dataset>(dataset.Urn, None))!.Tags);
    }

    [SkippableFact]
    public async Task A_change_that_returns_another_entity_is_refused_and_writes_nothing()
    {
        var other = NewDataset("demo.a.other", "x");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Entities.SaveAsync<Dataset>(DatasetUrn("demo.a.asked"), _ => other, "tester", None));

        Assert.Null(await Entities.GetAsync<Dataset>(other.Urn, None));
        Assert.Null(await Entities.GetAsync<Dataset>(DatasetUrn("demo.a.asked"), None));
    }

    [SkippableFact]
    public async Task Concurrent_edits_of_one_dataset_all_land()
    {
        var dataset = NewDataset("demo.dim.busy", "x");
        await SaveAsync(dataset);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            Entities.SaveAsync<Dataset>(dataset.Urn, d => d! with { Tags = [.. d.Tags, "t" + i] }, "u" + i, None))));

        var loaded = await Entities.GetAsync<Dataset>(dataset.Urn, None);
        Assert.Equal(12, loaded!.Tags.Count);
    }

    [SkippableFact]
    public async Task Entities_of_other_types_are_listed_by_type()
    {
        await Entities.SaveAsync<Tag>(Urn.Tag("pii"), _ => Tag.Create("pii", DateTimeOffset.UnixEpoch), "tester", None);
        await Entities.SaveAsync<Tag>(Urn.Tag("curated"), _ => Tag.Create("curated", DateTimeOffset.UnixEpoch), "tester", None);
        await SaveAsync(NewDataset("demo.a.b", "x"));

        var tags = await Entities.ListAsync<Tag>(EntityType.Tag, false, None);
        var many = await Entities.GetManyAsync<Tag>([Urn.Tag("pii"), Urn.Tag("missing")], None);

        Assert.Equal(["curated", "pii"], tags.Select(t => t.Name));
        Assert.Equal([Urn.Tag("pii")], many.Keys);
    }

    [SkippableFact]
    public async Task Streaming_a_type_yields_every_entity_of_it_in_name_order_removed_ones_included()
    {
        await SaveAsync(NewDataset("demo.s.b", "x"));
        await SaveAsync(NewDataset("demo.s.a", "x"));
        await SaveAsync(NewDataset("demo.s.c", "x") with { Removed = true });
        await Entities.SaveAsync<Tag>(Urn.Tag("pii"), _ => Tag.Create("pii", DateTimeOffset.UnixEpoch), "tester", None);

        var streamed = new List<string>();
        await foreach (var dataset in Entities.StreamAsync<Dataset>(EntityType.Dataset, None))
        {
            streamed.Add(dataset.Name);
        }

        Assert.Equal(["demo.s.a", "demo.s.b", "demo.s.c"], streamed);
    }

    [SkippableFact]
    public async Task Getting_many_entities_reads_past_one_chunk_of_keys()
    {
        var datasets = Enumerable.Range(0, 520).Select(i => NewDataset($"demo.many.t{i:D3}", "x")).ToList();
        await Entities.SaveManyAsync(datasets.Select(d => new EntityChange<Dataset>(d.Urn, _ => d)).ToList(), "tester", None);

        var loaded = await Entities.GetManyAsync<Dataset>(datasets.Select(d => d.Urn).Append(DatasetUrn("demo.many.missing")).ToList(), None);

        Assert.Equal(520, loaded.Count);
        Assert.Equal("demo.many.t519", loaded[DatasetUrn("demo.many.t519")].Name);
    }

    [SkippableFact]
    public async Task Committed_writes_are_published_to_followers()
    {
        var published = new List<string>();
        Feed.Follow(changed => published.AddRange(changed.Select(c => c.Urn)));
        var dataset = NewDataset("demo.a.followed", "x");

        await SaveAsync(dataset);
        await SaveAsync(dataset);

        Assert.Equal([dataset.Urn], published);
    }
}

/// <summary>The entity store contract on SQLite.</summary>
public sealed class SqliteEntityStoreTests() : EntityStoreContract(new SqliteStoreDatabase());

/// <summary>The entity store contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEntityStoreTests(PostgresFixture fixture) : EntityStoreContract(new PostgresStoreDatabase(fixture));
