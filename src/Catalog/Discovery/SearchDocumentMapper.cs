using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Search.Documents;

namespace TownLake.Catalog.Discovery;

/// <summary>
/// Projects catalog entities onto the search library's documents: names, columns, descriptions, tags, owners,
/// glossary terms with their synonyms, foreign keys as join relationships, and the ranking signals
/// (curated, deprecated, scratch, internal, popularity).
/// </summary>
public static class SearchDocumentMapper
{
    private static readonly HashSet<string> ScratchSchemas = new(StringComparer.OrdinalIgnoreCase) { "scratch", "tmp", "temp", "sandbox", "playground" };

    /// <summary>Frequent values indexed per column, from its profile's top values.</summary>
    public const int ValuesPerColumn = 10;

    public static SearchDocument FromDataset(Dataset dataset, IReadOnlyDictionary<string, GlossaryTerm> glossary, long queryCount, Profiles.DatasetProfile? profile = null) => new()
    {
        Urn = dataset.Urn,
        EntityType = SearchEntityType.Dataset,
        Name = dataset.Name,
        Catalog = dataset.Catalog,
        Schema = dataset.Schema,
        Table = dataset.Table,
        Platform = dataset.Platform,
        Kind = dataset.Kind.ToString().ToLowerInvariant(),
        Description = dataset.Description,
        Domain = dataset.Domain,
        Body = dataset.Deprecation?.Note,
        Columns = dataset.Columns.Select(c => new SearchColumn(c.Name, c.NativeType, c.Description, c.Tags, c.GlossaryTerms, SearchableValues(c, profile))).ToList(),
        Tags = dataset.Tags,
        Owners = dataset.Owners.Select(o => o.Owner).ToList(),
        GlossaryTerms = dataset.GlossaryTerms.Concat(dataset.Columns.SelectMany(c => c.GlossaryTerms)).Distinct()
            .Select(t => new GlossaryTermRef(t, glossary.TryGetValue(t, out var term) ? term.Synonyms : null)).ToList(),
        Joins = dataset.Columns.Where(c => c.ForeignKey is not null)
            .GroupBy(c => c.ForeignKey!.Dataset)
            .Select(g => new JoinRelationship(ForeignKeyUrn(g.Key), g.Select(c => c.Name).ToList(), g.Select(c => c.ForeignKey!.Column).ToList()))
            .Where(j => j.TargetUrn.Length > 0)
            .ToList(),
        Signals = new SearchSignals(
            Curated: dataset.Tags.Contains("curated"),
            Deprecated: dataset.Deprecation is { Deprecated: true },
            Scratch: dataset.Tags.Contains("scratch") || ScratchSchemas.Contains(dataset.Schema),
            Internal: dataset.Tags.Contains("internal"),
            QueryCount: queryCount),
    };

    public static SearchDocument FromGlossaryTerm(GlossaryTerm term) => new()
    {
        Urn = term.Urn,
        EntityType = SearchEntityType.GlossaryTerm,
        Name = term.Name,
        Description = term.Definition,
        Body = term.Parent is null ? null : $"In {term.Parent}.",
        GlossaryTerms = [new GlossaryTermRef(term.Name, term.Synonyms)],
    };

    public static SearchDocument FromDocument(Documentation.Document document) => new()
    {
        Urn = document.Urn,
        EntityType = SearchEntityType.DocumentationPage,
        Name = document.Name,
        Body = document.Body,
        Joins = document.RelatedDatasets.Select(d => new JoinRelationship(ForeignKeyUrn(d))).Where(j => j.TargetUrn.Length > 0).ToList(),
    };

    /// <summary>A job: found by its name, namespace, description and the SQL it runs (searched like a page's body).</summary>
    public static SearchDocument FromJob(Lineage.Job job) => new()
    {
        Urn = job.Urn,
        EntityType = SearchEntityType.Job,
        Name = job.Name,
        Catalog = job.Namespace,
        Platform = job.Integration?.ToLowerInvariant(),
        Kind = "job",
        Description = job.Description,
        Body = string.Join('\n', new[] { job.Sql, job.Location }.Where(t => !string.IsNullOrWhiteSpace(t))),
        Owners = job.Owners,
    };

    /// <summary>
    /// A column's top values: search results are shown to every reader, so the profile arrives trimmed by governance
    /// (CatalogSearch keeps only approved columns not classified as personal data) and whatever it still holds is searchable.
    /// </summary>
    private static IReadOnlyList<string>? SearchableValues(SchemaField column, Profiles.DatasetProfile? profile) =>
        profile?.Column(column.Name) is { TopValues.Count: > 0 } found
            ? found.TopValues.Where(v => !string.IsNullOrWhiteSpace(v.Value)).Take(ValuesPerColumn).Select(v => v.Value!).ToList()
            : null;

    private static string ForeignKeyUrn(string datasetName) =>
        DatasetName.TryParse(datasetName, out var name, out _) ? Urn.Dataset(name) : "";
}
