using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Tests.GraphQL;

/// <summary>
/// The served schema must equal the checked-in <c>graphql/schema.graphql</c>, so API changes are reviewed as SDL diffs
/// and the UI's typed operations stay true. Run with <c>TOWNLAKE_UPDATE_SCHEMA=1</c> to rewrite the file after an intended change.
/// </summary>
public sealed class SchemaDriftTests
{
    [Fact]
    public async Task Served_schema_matches_the_checked_in_sdl()
    {
        await using var api = new CatalogApiFactory();
        var schema = api.Services.GetRequiredService<CatalogSchema>();
        schema.Initialize();
        var served = schema.Print(new() { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
        var path = Path.Combine(RepositoryPaths.Root, "graphql", "schema.graphql");
        if (Environment.GetEnvironmentVariable("TOWNLAKE_UPDATE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        var checkedIn = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        Assert.True(served == checkedIn, $"The served schema differs from graphql/schema.graphql. If the change is intended, run the tests once with TOWNLAKE_UPDATE_SCHEMA=1 and commit the file.\nFirst difference at character {FirstDifference(served, checkedIn)}.");
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}
