using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;

namespace TownLake.Catalog.Discovery;

/// <summary>The documents a full rebuild indexes: glossary terms, documentation pages and datasets (with their searchable profiles).</summary>
public sealed partial class CatalogSearch
{
    private async IAsyncEnumerable<SearchDocument> AllDocumentsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var term in _glossary.Values.Where(t => !t.Removed))
        {
            yield return SearchDocumentMapper.FromGlossaryTerm(term);
        }

        await foreach (var document in _store.StreamAsync<Documentation.Document>(EntityType.Document, cancellationToken))
        {
            if (!document.Removed)
            {
                yield return SearchDocumentMapper.FromDocument(document);
            }
        }

        await foreach (var job in _store.StreamAsync<Lineage.Job>(EntityType.Job, cancellationToken))
        {
            if (!job.Removed)
            {
                yield return SearchDocumentMapper.FromJob(job);
            }
        }

        // Profiles are read for a chunk of datasets at a time, so a rebuild makes one profile read per chunk.
        var chunk = new List<Dataset>(500);
        await foreach (var dataset in _store.StreamAsync<Dataset>(EntityType.Dataset, cancellationToken))
        {
            if (!dataset.Removed)
            {
                chunk.Add(dataset);
            }

            if (chunk.Count == chunk.Capacity)
            {
                foreach (var document in await DatasetDocumentsAsync(chunk, cancellationToken))
                {
                    yield return document;
                }

                chunk.Clear();
            }
        }

        foreach (var document in await DatasetDocumentsAsync(chunk, cancellationToken))
        {
            yield return document;
        }
    }

    private async Task<List<SearchDocument>> DatasetDocumentsAsync(List<Dataset> datasets, CancellationToken cancellationToken)
    {
        var profiles = await SearchableProfilesAsync(datasets.Select(d => d.Urn).ToList(), cancellationToken);
        return datasets.Select(d => SearchDocumentMapper.FromDataset(d, _glossary, _queryCounts.GetValueOrDefault(d.Urn), profiles.GetValueOrDefault(d.Urn))).ToList();
    }

    private async Task LoadGlossaryAsync(CancellationToken cancellationToken) =>
        _glossary = (await _store.ListAsync<GlossaryTerm>(EntityType.GlossaryTerm, false, cancellationToken)).ToDictionary(t => t.Name, StringComparer.Ordinal);

    private IEnumerable<GlossaryEntry> GlossaryEntries() =>
        _glossary.Values.Where(t => !t.Removed).Select(t => new GlossaryEntry(t.Name, [.. t.Synonyms, .. t.RelatedTerms]));
}
