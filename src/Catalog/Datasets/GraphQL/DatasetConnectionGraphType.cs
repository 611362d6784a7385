using System.Text;
using GraphQL.Types;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Datasets.GraphQL;

/// <summary>GraphQL type of one page of a dataset browse (Relay-style connection).</summary>
public sealed class DatasetConnectionGraphType : ObjectGraphType<DatasetPage>
{
    public DatasetConnectionGraphType()
    {
        Name = "DatasetConnection";
        Description = "One page of datasets.";
        Field(p => p.TotalCount).Description("Datasets matching the filter, on all pages.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetEdgeGraphType>>>>("edges").Description("The datasets with their cursors.").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetGraphType>>>>("nodes").Description("The datasets.").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Description("Where the next page starts.").Resolve(c => c.Source);
    }
}

/// <summary>GraphQL type of a dataset with its cursor.</summary>
public sealed class DatasetEdgeGraphType : ObjectGraphType<Dataset>
{
    public DatasetEdgeGraphType()
    {
        Name = "DatasetEdge";
        Description = "A dataset and the cursor to continue after it.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as 'after' to continue after this dataset.").Resolve(c => DatasetCursor.Encode(c.Source.Name));
        Field<NonNullGraphType<DatasetGraphType>>("node").Description("The dataset.").Resolve(c => c.Source);
    }
}

/// <summary>GraphQL type of paging information.</summary>
public sealed class PageInfoGraphType : ObjectGraphType<DatasetPage>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Whether more pages follow, and where.";
        Field(p => p.HasNextPage).Description("True when another page follows.");
        Field<StringGraphType>("endCursor").Description("The cursor of the page's last item.")
            .Resolve(c => c.Source.Items.Count == 0 ? null : DatasetCursor.Encode(c.Source.Items[^1].Name));
    }
}

/// <summary>Opaque browse cursors: the last dataset name, base64url-encoded.</summary>
public static class DatasetCursor
{
    public static string Encode(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(name)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            throw CatalogException.BadInput($"'{cursor}' is not a cursor this API returned.");
        }
    }
}
