using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="ILineageEventLog"/> must do: one event per key, re-sends ignored, newest first.</summary>
public abstract class LineageEventLogContract(IStoreDatabase database) : StoreContract(database)
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static StoredLineageEvent Event(string runId, string eventType, string job, DateTimeOffset at) =>
        new($"{runId}|{eventType}|{job}", runId, eventType, job, at, "h-" + runId, "{\"run\":\"" + runId + "\"}");

    [SkippableFact]
    public async Task A_lineage_event_is_stored_once_per_key_and_content()
    {
        var first = new StoredLineageEvent("r1|COMPLETE|urn:tl:job:n:j", "r1", "COMPLETE", "urn:tl:job:n:j", At, "h1", "{\"a\":1}");

        Assert.True(await Events.RecordLineageEventAsync(first, None));
        Assert.False(await Events.RecordLineageEventAsync(first, None));
        Assert.True(await Events.RecordLineageEventAsync(first with { Hash = "h2", Payload = "{\"a\":2}" }, None));
        Assert.True(await Events.RecordLineageEventAsync(first with { Key = "r2|START|urn:tl:job:n:j", RunId = "r2", EventType = "START", EventTime = At.AddMinutes(1) }, None));

        var all = await Events.ListLineageEventsAsync(null, 10, None);
        var ofJob = await Events.ListLineageEventsAsync("urn:tl:job:n:other", 10, None);
        Assert.Equal(["r2", "r1"], all.Select(e => e.RunId));
        Assert.Equal("{\"a\":2}", all[1].Payload);
        Assert.Equal(At, all[1].EventTime);
        Assert.Empty(ofJob);
    }

    [SkippableFact]
    public async Task Listing_events_keeps_to_the_requested_count_and_job_and_refuses_over_10000()
    {
        for (var i = 0; i < 5; i++)
        {
            await Events.RecordLineageEventAsync(Event("a" + i, "COMPLETE", "urn:tl:job:n:a", At.AddMinutes(i)), None);
            await Events.RecordLineageEventAsync(Event("b" + i, "COMPLETE", "urn:tl:job:n:b", At.AddMinutes(i).AddSeconds(30)), None);
        }

        var latestThree = await Events.ListLineageEventsAsync(null, 3, None);
        var ofA = await Events.ListLineageEventsAsync("urn:tl:job:n:a", 2, None);

        Assert.Equal(["b4", "a4", "b3"], latestThree.Select(e => e.RunId));
        Assert.Equal(["a4", "a3"], ofA.Select(e => e.RunId));
        Assert.All(ofA, e => Assert.Equal("urn:tl:job:n:a", e.JobUrn));
        Assert.Equal("BAD_USER_INPUT", (await Assert.ThrowsAsync<CatalogException>(() => Events.ListLineageEventsAsync(null, 10_001, None))).Code);
    }
}

/// <summary>The lineage event log contract on SQLite.</summary>
public sealed class SqliteLineageEventLogTests() : LineageEventLogContract(new SqliteStoreDatabase());

/// <summary>The lineage event log contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLineageEventLogTests(PostgresFixture fixture) : LineageEventLogContract(new PostgresStoreDatabase(fixture));
