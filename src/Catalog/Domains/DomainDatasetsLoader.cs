using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Domains;

/// <summary>DataLoader of <c>Domain.datasets</c>.</summary>
public sealed class DomainDatasetsLoader(ICatalogStore store) : LinkedDatasetsLoader(store, EntityLinks.Domain);
