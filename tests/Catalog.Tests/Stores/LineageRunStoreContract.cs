using TownLake.Catalog.Lineage;
using TownLake.Catalog.Lineage.Runs;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="ILineageRunStore"/> must do: runs kept whole, listed newest first, found by the datasets they touched.</summary>
public abstract class LineageRunStoreContract(IStoreDatabase database) : StoreContract(database)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static JobRun Run(string id, string job, DateTimeOffset at, IReadOnlyList<RunDataset>? inputs = null, IReadOnlyList<RunDataset>? outputs = null) => new()
    {
        RunId = id, JobUrn = job, State = "RUNNING", CreatedAt = at, UpdatedAt = at, StartedAt = at,
        Transitions = [new RunTransition("RUNNING", "START", at)], Inputs = inputs ?? [], Outputs = outputs ?? [],
        Facets = """{"nominalTime":{"nominalStartTime":"2026-11-20T06:00:00Z"}}""",
    };

    [SkippableFact]
    public async Task A_run_is_stored_whole_and_changed_in_place()
    {
        var input = new RunDataset(DatasetUrn("shop.public.orders"), "postgres://db:5432", "shop.public.orders", "v7");
        await Runs.SaveRunAsync("r1", _ => Run("r1", "urn:tl:job:a:load", Noon, inputs: [input]), None);

        var ended = await Runs.SaveRunAsync("r1", existing => existing! with { State = "COMPLETED", EndedAt = Noon.AddMinutes(2), ErrorMessage = null }, None);
        var stored = await Runs.GetRunAsync("r1", None);

        Assert.Equal("COMPLETED", stored!.State);
        Assert.Equal(120_000, stored.DurationMs);
        Assert.Equal(input, Assert.Single(stored.Inputs));
        Assert.Equal(ended.Facets, stored.Facets);
        Assert.Single(stored.Transitions);
        Assert.Null(await Runs.GetRunAsync("nope", None));
    }

    [SkippableFact]
    public async Task Runs_of_a_job_page_newest_first_and_datasets_know_their_producers_and_consumers()
    {
        var table = DatasetUrn("lake.raw.clicks");
        for (var i = 0; i < 3; i++)
        {
            await Runs.SaveRunAsync($"p{i}", _ => Run($"p{i}", "urn:tl:job:s:producer", Noon.AddHours(i), outputs: [new RunDataset(table, "kafka://b:9092", "clicks", null)]), None);
        }

        await Runs.SaveRunAsync("c0", _ => Run("c0", "urn:tl:job:s:consumer", Noon.AddHours(5), inputs: [new RunDataset(table, "kafka://b:9092", "clicks", null)]), None);

        var (page, total) = await Runs.ListRunsAsync("urn:tl:job:s:producer", 2, 1, None);
        Assert.Equal(3, total);
        Assert.Equal(["p1", "p0"], page.Select(r => r.RunId));
        Assert.Equal(["urn:tl:job:s:producer"], await Runs.ListDatasetJobsAsync(table, LineageDirection.Upstream, None));
        Assert.Equal(["urn:tl:job:s:consumer"], await Runs.ListDatasetJobsAsync(table, LineageDirection.Downstream, None));
        Assert.Equal(["c0", "p2", "p1", "p0"], (await Runs.ListDatasetRunsAsync(table, LineageDirection.Both, 10, None)).Select(r => r.RunId));
        await Assert.ThrowsAsync<TownLake.Catalog.Identity.CatalogException>(() => Runs.ListRunsAsync("urn:tl:job:s:producer", 5_000, 0, None));
    }
}

/// <summary>The run contract on SQLite.</summary>
public sealed class SqliteLineageRunStoreTests() : LineageRunStoreContract(new SqliteStoreDatabase());

/// <summary>The run contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLineageRunStoreTests(PostgresFixture fixture) : LineageRunStoreContract(new PostgresStoreDatabase(fixture));
