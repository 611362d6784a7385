using TownLake.Search.Documents;

namespace TownLake.Search.Tests.Support;

/// <summary>Builds small dataset documents for tests.</summary>
internal static class Datasets
{
    public static SearchDocument Table(string catalog, string schema, string table, params string[] columns) => new()
    {
        Urn = $"urn:dataset:{catalog}.{schema}.{table}",
        EntityType = SearchEntityType.Dataset,
        Name = $"{catalog}.{schema}.{table}",
        Catalog = catalog,
        Schema = schema,
        Table = table,
        Platform = "postgres",
        Kind = "table",
        Columns = columns.Select(column => new SearchColumn(column, "text")).ToList(),
    };

    public static string UrnOf(string catalog, string schema, string table) => $"urn:dataset:{catalog}.{schema}.{table}";
}
