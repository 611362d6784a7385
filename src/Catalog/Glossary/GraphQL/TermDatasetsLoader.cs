using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Glossary.GraphQL;

/// <summary>DataLoader of <c>GlossaryTerm.datasets</c> and <c>GlossaryTerm.columns</c> (datasets carrying the term on themselves or a column).</summary>
public sealed class TermDatasetsLoader(IDatasetBrowseStore store) : LinkedDatasetsLoader(store, EntityLinks.Term);
