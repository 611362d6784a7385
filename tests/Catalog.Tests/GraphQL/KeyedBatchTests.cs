using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Tests.GraphQL;

public sealed class KeyedBatchTests
{
    [Fact]
    public async Task Keys_wanted_together_are_fetched_in_one_call()
    {
        var calls = new List<IReadOnlyCollection<string>>();
        var batch = new KeyedBatch<string, string>((keys, _) =>
        {
            calls.Add(keys);
            return Task.FromResult<IReadOnlyDictionary<string, string>>(keys.ToDictionary(k => k, k => k.ToUpperInvariant()));
        });

        var a = batch.Load(["a"], found => found.GetValueOrDefault("a"));
        var b = batch.Load(["b"], found => found.GetValueOrDefault("b"));

        Assert.Equal("A", await a.GetResultAsync());
        Assert.Equal("B", await b.GetResultAsync());
        Assert.Equal(["a", "b"], Assert.Single(calls).Order());
    }

    [Fact]
    public async Task A_failed_fetch_fails_every_result_waiting_on_its_keys_instead_of_reading_as_not_found()
    {
        var calls = 0;
        var batch = new KeyedBatch<string, string>((_, _) =>
        {
            calls++;
            throw new TimeoutException("store unreachable");
        });

        var first = batch.Load(["a"], found => found.GetValueOrDefault("a"));
        var second = batch.Load(["b"], found => found.GetValueOrDefault("b") ?? "not found");

        Assert.Equal("store unreachable", (await Assert.ThrowsAsync<TimeoutException>(() => first.GetResultAsync())).Message);
        Assert.Equal("store unreachable", (await Assert.ThrowsAsync<TimeoutException>(() => second.GetResultAsync())).Message);
        Assert.Equal(1, calls);
    }
}
