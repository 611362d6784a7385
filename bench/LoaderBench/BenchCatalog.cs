using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Stores;
using TownLake.Engine.Execution;

namespace TownLake.LoaderBench;

/// <summary>
/// A generated catalog for the page query: datasets with owners (a user and a group), glossary terms and a domain,
/// lineage chains with fan-out, and two audited queries per dataset (some failed), written through the store.
/// </summary>
internal static class BenchCatalog
{
    public const int Terms = 12;

    public static async Task SeedAsync(RelationalCatalogStore store, int datasets, CancellationToken cancellationToken)
    {
        await store.SaveManyAsync(Enumerable.Range(0, Terms).Select(t => new EntityChange<GlossaryTerm>(Urn.GlossaryTerm(TermName(t)), _ =>
            new GlossaryTerm { Urn = Urn.GlossaryTerm(TermName(t)), Name = TermName(t), Definition = "Generated term " + t, Parent = t < 3 ? null : TermName(t % 3) })).ToList(), "bench", cancellationToken);
        foreach (var batch in Enumerable.Range(0, datasets).Chunk(250))
        {
            await store.SaveManyAsync(batch.Select(i => new EntityChange<Dataset>(Urn.Dataset(Name(i)), _ => Dataset.Create(Name(i), default) with
            {
                Platform = "postgres",
                SourceDescription = "Generated table " + i,
                Columns = Enumerable.Range(0, 5).Select(c => new SchemaField { Name = "c" + c, NativeType = "BIGINT", Ordinal = c + 1 }).ToList(),
                Owners = [new Ownership($"user{i % 20:D2}", OwnerKind.User, OwnershipType.TechnicalOwner), new Ownership($"team{i % 5}", OwnerKind.Group, OwnershipType.DataSteward)],
                GlossaryTerms = [TermName(i % Terms), TermName((i + 5) % Terms)],
                Domain = "Domain" + i % 8,
            })).ToList(), "bench", cancellationToken);
        }

        // Chains of ten, each dataset also fed by the one at half its index: every dataset has neighbours both ways.
        var edges = Enumerable.Range(1, datasets - 1)
            .SelectMany(i => i % 10 == 0 ? [Edge(i / 2, i)] : new[] { Edge(i - 1, i), Edge(i / 2, i) })
            .DistinctBy(e => (e.UpstreamUrn, e.DownstreamUrn))
            .ToList();
        await store.UpsertLineageAsync(edges, cancellationToken);

        var at = DateTimeOffset.UtcNow.AddDays(-1);
        for (var q = 0; q < datasets * 2; q++)
        {
            await store.SaveQueryAsync(new QueryRecord
            {
                Id = "bench-" + q,
                User = $"user{q % 20:D2}",
                Sql = "SELECT 1",
                Engine = "duckdb",
                State = q % 7 == 6 ? QueryRunState.Failed : QueryRunState.Succeeded,
                SubmittedAt = at.AddSeconds(q),
                Datasets = [Name(q % datasets).ToString(), Name((q * 3 + 1) % datasets).ToString()],
            }, cancellationToken);
        }
    }

    private static DatasetName Name(int i) => DatasetName.Parse($"bench.s{i % 10}.t{i:D4}");

    private static string TermName(int t) => "Term" + t.ToString("D2");

    private static LineageEdge Edge(int up, int down) => new() { UpstreamUrn = Urn.Dataset(Name(up)), DownstreamUrn = Urn.Dataset(Name(down)), Origin = "manual" };
}
