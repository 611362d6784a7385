using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Tests.GraphQL;

/// <summary>
/// The served schema must equal the checked-in SDL under <c>graphql/</c> (one file per capability, see
/// <see cref="CapabilitySdl"/>), so API changes are reviewed as SDL diffs and the UI's generated types stay true. Run
/// with <c>TOWNLAKE_UPDATE_SCHEMA=1</c> to rewrite the files after an intended change.
/// </summary>
public sealed class SchemaDriftTests
{
    [Fact]
    public async Task Served_schema_matches_the_checked_in_sdl_files()
    {
        await using var api = new CatalogApiFactory();
        var schema = api.Services.GetRequiredService<CatalogSchema>();
        schema.Initialize();
        var printed = schema.Print(new() { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n").TrimEnd() + "\n";
        var served = CapabilitySdl.Split(schema, printed);
        var folder = Path.Combine(RepositoryPaths.Root, "graphql");
        var checkedIn = Directory.GetFiles(folder, "*.graphql").ToDictionary(
            f => Path.GetFileNameWithoutExtension(f), f => File.ReadAllText(f).ReplaceLineEndings("\n"));

        if (Environment.GetEnvironmentVariable("TOWNLAKE_UPDATE_SCHEMA") == "1")
        {
            foreach (var stale in checkedIn.Keys.Except(served.Keys))
            {
                File.Delete(Path.Combine(folder, stale + ".graphql"));
            }

            foreach (var (capability, sdl) in served)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, capability + ".graphql"), sdl);
            }

            checkedIn = served.ToDictionary();
        }

        const string Fix = "If the change is intended, run the tests once with TOWNLAKE_UPDATE_SCHEMA=1 and commit graphql/.";
        Assert.True(served.Keys.Order().SequenceEqual(checkedIn.Keys.Order()),
            $"graphql/ holds [{string.Join(", ", checkedIn.Keys.Order())}] but the served schema splits into [{string.Join(", ", served.Keys.Order())}]. {Fix}");
        foreach (var (capability, sdl) in served)
        {
            Assert.True(sdl == checkedIn[capability], $"The served schema differs from graphql/{capability}.graphql at character {FirstDifference(sdl, checkedIn[capability])}. {Fix}");
        }
    }

    [Fact]
    public async Task Capability_files_together_hold_every_type_and_root_field_once()
    {
        await using var api = new CatalogApiFactory();
        var schema = api.Services.GetRequiredService<CatalogSchema>();
        schema.Initialize();
        var printed = schema.Print(new() { IncludeDescriptions = true, IncludeDeprecationReasons = true }).ReplaceLineEndings("\n");
        var joined = string.Join("\n", CapabilitySdl.Split(schema, printed).Values);

        // Re-parsing the files as one document rebuilds the same set of definitions and root fields.
        var original = GraphQLParser.Parser.Parse(printed);
        var split = GraphQLParser.Parser.Parse(joined);
        Assert.Equal(Names(original), Names(split));
    }

    private static List<string> Names(GraphQLParser.AST.GraphQLDocument document) =>
        document.Definitions.SelectMany(d => d switch
        {
            GraphQLParser.AST.GraphQLObjectTypeDefinition o => [o.Name.StringValue, .. (o.Fields?.Items ?? []).Select(f => o.Name.StringValue + "." + f.Name.StringValue)],
            GraphQLParser.AST.GraphQLObjectTypeExtension e => (e.Fields?.Items ?? []).Select(f => e.Name.StringValue + "." + f.Name.StringValue),
            GraphQLParser.AST.INamedNode n => [n.Name.StringValue],
            _ => [],
        }).Order(StringComparer.Ordinal).ToList();

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
