using Dapper;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>Dataset browse: filters, orders and keyset paging in SQL.</summary>
public abstract partial class RelationalCatalogStore : IDatasetBrowseStore
{
    public async Task<DatasetPage> ListDatasetsAsync(DatasetQuery query, CancellationToken cancellationToken)
    {
        if (query.First is < 0 or > 1000)
        {
            throw CatalogException.BadInput("'first' must be between 0 and 1000.");
        }

        if (query.Order != DatasetOrder.Name && query.AfterName is not null && query.AfterSortKey is null)
        {
            throw CatalogException.BadInput($"Continuing a browse ordered by {query.Order} needs the sort key of the last dataset as well as its name.");
        }

        var where = new List<string> { "e.type = 'dataset'" };
        var parameters = new DynamicParameters();
        void Equal(string column, string parameter, string? value)
        {
            if (value is not null)
            {
                where.Add($"{column} = @{parameter}");
                parameters.Add(parameter, value);
            }
        }

        void Linked(string rel, string parameter, string? value)
        {
            if (value is not null)
            {
                where.Add($"EXISTS (SELECT 1 FROM entity_links l WHERE l.urn = e.urn AND l.rel = '{rel}' AND l.target = @{parameter})");
                parameters.Add(parameter, value);
            }
        }

        Equal("e.catalog", "catalog", query.Catalog);
        Equal("e.schema_name", "schema", query.Schema);
        Equal("e.platform", "platform", query.Platform);
        Linked(EntityLinks.Tag, "tag", query.Tag);
        Linked(EntityLinks.Owner, "owner", query.Owner);
        Linked(EntityLinks.Domain, "domain", query.Domain);
        Linked(EntityLinks.Term, "term", query.GlossaryTerm);
        if (!query.IncludeRemoved)
        {
            where.Add("e.removed = 0");
        }

        if (query.ExcludeDeprecated)
        {
            where.Add("e.deprecated = 0");
        }

        var filter = string.Join(" AND ", where);
        await using var connection = await OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM entities e WHERE {filter}", parameters, cancellationToken: cancellationToken));

        // The sort key goes first in the ORDER BY and the name breaks ties, so (key, name) is unique and the keyset
        // condition below starts the next page exactly after the previous page's last row.
        var (from, key) = query.Order switch
        {
            DatasetOrder.Name => ("entities e", "CAST(0 AS BIGINT)"),
            DatasetOrder.RecentlyUpdated => ("entities e", "e.updated_at"),
            DatasetOrder.MostQueried => ($"entities e LEFT JOIN ({QueryCountsSql}) u ON u.dataset_urn = e.urn", "COALESCE(u.n, 0)"),
            _ => throw CatalogException.BadInput($"Unknown dataset order {query.Order}."),
        };
        if (query.Order == DatasetOrder.MostQueried)
        {
            parameters.Add("state", Succeeded);
            parameters.Add("since", long.MinValue);
        }

        if (query.AfterName is not null)
        {
            filter += query.Order == DatasetOrder.Name
                ? " AND e.name > @after"
                : $" AND ({key} < @afterKey OR ({key} = @afterKey AND e.name > @after))";
            parameters.Add("after", query.AfterName);
            parameters.Add("afterKey", query.AfterSortKey ?? 0);
        }

        var orderBy = query.Order == DatasetOrder.Name ? "e.name" : $"{key} DESC, e.name";
        parameters.Add("limit", query.First + 1);
        var rows = (await connection.QueryAsync<(string Doc, long Key)>(new CommandDefinition(
            $"SELECT e.doc, {key} FROM {from} WHERE {filter} ORDER BY {orderBy} LIMIT @limit", parameters, cancellationToken: cancellationToken))).ToList();
        var page = rows.Take(query.First).ToList();
        return new DatasetPage(page.Select(r => Read<Dataset>(r.Doc)).ToList(), (int)total, rows.Count > query.First)
        {
            Order = query.Order,
            SortKeys = page.Select(r => r.Key).ToList(),
        };
    }
}
