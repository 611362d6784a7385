using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Domains;

/// <summary>DataLoader of <c>Domain.datasets</c>.</summary>
public sealed class DomainDatasetsLoader(IDatasetBrowseStore store) : LinkedDatasetsLoader(store, EntityLinks.Domain);
