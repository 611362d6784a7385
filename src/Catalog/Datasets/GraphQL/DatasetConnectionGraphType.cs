using System.Globalization;
using System.Text;
using GraphQL.Types;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Datasets.GraphQL;

/// <summary>GraphQL type of one page of a dataset browse (Relay-style connection).</summary>
public sealed class DatasetConnectionGraphType : ObjectGraphType<DatasetPage>
{
    public DatasetConnectionGraphType()
    {
        Name = "DatasetConnection";
        Description = "One page of datasets.";
        Field(p => p.TotalCount).Description("Datasets matching the filter, on all pages.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetEdgeGraphType>>>>("edges").Description("The datasets with their cursors.")
            .Resolve(c => c.Source.Items.Select((d, i) => new DatasetEdge(d, DatasetCursor.Encode(c.Source, i))).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetGraphType>>>>("nodes").Description("The datasets.").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<PageInfoGraphType>>("pageInfo").Description("Where the next page starts.").Resolve(c => c.Source);
    }
}

/// <summary>A dataset of a browse page and the cursor that continues after it.</summary>
public sealed record DatasetEdge(Dataset Node, string Cursor);

/// <summary>GraphQL type of a dataset with its cursor.</summary>
public sealed class DatasetEdgeGraphType : ObjectGraphType<DatasetEdge>
{
    public DatasetEdgeGraphType()
    {
        Name = "DatasetEdge";
        Description = "A dataset and the cursor to continue after it.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as 'after' (with the same orderBy) to continue after this dataset.").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<DatasetGraphType>>("node").Description("The dataset.").Resolve(c => c.Source.Node);
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
            .Resolve(c => c.Source.Items.Count == 0 ? null : DatasetCursor.Encode(c.Source, c.Source.Items.Count - 1));
    }
}

/// <summary>GraphQL enum of dataset browse orders.</summary>
public sealed class DatasetOrderEnum : EnumerationGraphType<DatasetOrder>
{
    public DatasetOrderEnum()
    {
        Name = "DatasetOrder";
        Description = "How a dataset browse is sorted; ties are broken by name.";
        Values["NAME"]!.Description = "By name, A to Z (the default).";
        Values["RECENTLY_UPDATED"]!.Description = "Most recently changed first (any aspect: schema, description, tags, owners, …).";
        Values["MOST_QUERIED"]!.Description = "Most successful queries through TownLake first (usage.queryCount); never-queried datasets last.";
    }
}

/// <summary>
/// Opaque browse cursors, base64url-encoded. By name the cursor is the last dataset's name (as it always was); under
/// another order it is <c>ORDER|sortKey|name</c>, so the next page starts after that exact (key, name) and a cursor
/// handed to a different order is refused rather than silently misread.
/// </summary>
public static class DatasetCursor
{
    private static string Encode(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(name)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor after item <paramref name="index"/> of a page.</summary>
    public static string Encode(DatasetPage page, int index)
    {
        var name = page.Items[index].Name;
        return page.Order == DatasetOrder.Name ? Encode(name) : Encode(FormattableString.Invariant($"{Tag(page.Order)}|{page.SortKeys[index]}|{name}"));
    }

    /// <summary>The (name, sort key) a cursor of <paramref name="order"/> stands for; null for no cursor.</summary>
    /// <exception cref="CatalogException">BAD_USER_INPUT when the cursor is malformed or was made for another order.</exception>
    public static (string Name, long? SortKey)? Decode(string? cursor, DatasetOrder order)
    {
        if (cursor is null)
        {
            return null;
        }

        var text = DecodeText(cursor);
        if (order == DatasetOrder.Name)
        {
            return (text, null);
        }

        var parts = text.Split('|', 3);
        if (parts.Length != 3 || parts[0] != Tag(order) || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var key) || parts[2].Length == 0)
        {
            throw CatalogException.BadInput($"{InputEcho.Quote(cursor)} is not a cursor of a browse ordered by {Tag(order)}; pass the endCursor of a page read with the same orderBy.");
        }

        return (parts[2], key);
    }

    private static string Tag(DatasetOrder order) => order switch
    {
        DatasetOrder.RecentlyUpdated => "RECENTLY_UPDATED",
        DatasetOrder.MostQueried => "MOST_QUERIED",
        _ => "NAME",
    };

    private static string DecodeText(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(padded));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw CatalogException.BadInput($"{InputEcho.Quote(cursor)} is not a cursor this API returned.");
        }
    }
}
