using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Tests.Stores;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Governance;

/// <summary>
/// The registrar's start-up catch-up reads datasets a chunk at a time (not the whole catalog at once) and still
/// registers every dataset written while it was not running, across chunk boundaries.
/// </summary>
public abstract class GovernanceRegistrarCatchUpContract(IStoreDatabase database) : StoreContract(database)
{
    [SkippableFact]
    public async Task Datasets_written_before_start_are_all_registered_across_several_chunks()
    {
        var count = (GovernanceRegistrar.CatchUpChunk * 2) + 7;
        var names = Enumerable.Range(0, count).Select(i => $"wh.s.t{i:D5}").ToList();
        await Entities.SaveManyAsync<Dataset>([.. names.Select(n => new EntityChange<Dataset>(DatasetUrn(n), _ => NewDataset(n, "id", "email")))], "tester", None);
        // One dataset known already, but without a column the source added since: that column is registered too.
        await Governance.RegisterDatasetAsync(DatasetUrn(names[3]), ["id"], ReviewState.Pending, "tester", null, None);
        var evaluator = new AccessEvaluator(Governance, Options.Create(new GovernanceOptions()), Clock);
        using var registrar = new GovernanceRegistrar(new CatalogChangeFeed(), Governance, Entities, evaluator, NullLogger<GovernanceRegistrar>.Instance);

        await registrar.StartAsync(None);
        var urns = names.Select(DatasetUrn).ToList();
        IReadOnlyDictionary<string, DatasetPolicy> policies = new Dictionary<string, DatasetPolicy>();
        for (var wait = 0; wait < 600; wait++)
        {
            policies = await Governance.GetPoliciesAsync(urns, None);
            if (urns.All(u => policies.TryGetValue(u, out var p) && p.Columns.ContainsKey("email")))
            {
                break;
            }

            await Task.Delay(50);
        }

        await registrar.StopAsync(None);
        Assert.All(urns, u => Assert.Equal(["email", "id"], policies[u].Columns.Keys.Order()));
        Assert.All(urns, u => Assert.NotNull(policies[u].Review));
    }
}

public sealed class SqliteGovernanceRegistrarCatchUpTests() : GovernanceRegistrarCatchUpContract(new SqliteStoreDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PostgresGovernanceRegistrarCatchUpTests(PostgresFixture fixture) : GovernanceRegistrarCatchUpContract(new PostgresStoreDatabase(fixture));
