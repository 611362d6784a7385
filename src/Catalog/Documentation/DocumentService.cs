using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Documentation;

/// <summary>Writes documentation pages: validates title, body and linked datasets, and records the author as actor.</summary>
public sealed class DocumentService(IEntityStore store, TimeProvider clock)
{
    public const int MaxBodyLength = 200_000;

    public async Task<Document> UpsertAsync(string title, string body, IReadOnlyList<string>? relatedDatasets, Caller caller, CancellationToken cancellationToken)
    {
        caller.EnsureCanEdit("write documentation");
        var name = DatasetService.CleanName(title, "document title");
        var slug = Document.SlugOf(name);
        if (slug.Length == 0)
        {
            throw CatalogException.BadInput($"The title {InputEcho.Quote(title)} needs at least one letter or digit.");
        }

        if (body.Length > MaxBodyLength)
        {
            throw CatalogException.BadInput($"A document's body is limited to {MaxBodyLength:N0} characters.");
        }

        var related = (relatedDatasets ?? []).Select(d => DatasetName.Parse(d).ToString()).Distinct().ToList();
        var known = await store.GetManyAsync<Dataset>(related.Select(r => Urn.Dataset(DatasetName.Parse(r))).ToList(), cancellationToken);
        var unknown = related.Where(r => !known.ContainsKey(Urn.Dataset(DatasetName.Parse(r)))).ToList();
        if (unknown.Count > 0)
        {
            throw CatalogException.NotFound($"Unknown dataset(s): {string.Join(", ", unknown)}.");
        }

        var urn = Urn.Document(slug);
        var now = clock.GetUtcNow();
        var result = await store.SaveAsync<Document>(urn, existing => (existing ?? new Document { Urn = urn, Name = name, CreatedAt = now }) with
        {
            Name = name,
            Body = body,
            RelatedDatasets = related,
            Removed = false,
        }, caller.UserName, cancellationToken);
        return result.Entity;
    }
}
