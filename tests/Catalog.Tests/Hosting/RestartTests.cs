using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Hosting;

/// <summary>An edit made through GraphQL is still there after the service restarts, on both stores.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RestartTests(PostgresFixture postgres)
{
    private const string Edit = """mutation { updateDescription(urn: "urn:tl:dataset:demo.dim.accounts", description: "Edited before the restart") { description } }""";
    private const string Read = """{ dataset(name: "demo.dim.accounts") { description history { actor aspect } } }""";

    [Fact]
    public async Task A_description_edit_survives_a_restart_on_sqlite()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-restart-" + Guid.NewGuid().ToString("N"));
        await using (var first = new CatalogApiFactory(dataDirectory, demo: true))
        {
            await first.DataAsync(Edit);
        }

        await using var second = new CatalogApiFactory(dataDirectory, demo: true);
        var data = await second.DataAsync(Read);

        Assert.Equal("Edited before the restart", data["dataset"]!["description"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_description_edit_survives_a_restart_on_postgres()
    {
        var connectionString = await postgres.RequireServer().CreateDatabaseAsync("restart");
        var settings = new Dictionary<string, string?> { ["TownLake:Store"] = "postgres", ["TownLake:PostgresConnectionString"] = connectionString };
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-restart-" + Guid.NewGuid().ToString("N"));
        await using (var first = new CatalogApiFactory(dataDirectory, demo: true, settings))
        {
            await first.DataAsync(Edit);
        }

        await using var second = new CatalogApiFactory(dataDirectory, demo: true, settings);
        var data = await second.DataAsync(Read);

        Assert.Equal("Edited before the restart", data["dataset"]!["description"]!.GetValue<string>());
        Assert.Contains(data["dataset"]!["history"]!.AsArray(), h => h!["aspect"]!.GetValue<string>() == "documentation" && h["actor"]!.GetValue<string>() == "admin");
    }
}
