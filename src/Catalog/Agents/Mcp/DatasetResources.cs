using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents.Mcp;

/// <summary>
/// Datasets as MCP resources, <c>townlake://dataset/&lt;catalog.schema.table&gt;</c>: listed in name order a page at a
/// time, and read as the <c>get_entity_details</c> answer (through the runner, so as the caller and audited).
/// </summary>
public static class DatasetResources
{
    public const string Scheme = "townlake://dataset/";
    private const int PageSize = 200;

    /// <summary>Tokens a resource's text may take: more than a tool answer, as a client reads it on purpose.</summary>
    private const int ResourceBudget = 8_000;

    public static ResourceTemplate Template { get; } = new()
    {
        UriTemplate = Scheme + "{name}",
        Name = "dataset",
        Title = "A dataset's details",
        Description = "A dataset by its full name (catalog.schema.table): description, owners, tags, terms, lineage counts and columns.",
        MimeType = "application/json",
    };

    public static async ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken)
    {
        var store = request.Services!.GetRequiredService<IEntityStore>();
        var skip = int.TryParse(request.Params?.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var page = new List<Resource>();
        var seen = 0;
        var more = false;
        await foreach (var dataset in store.StreamAsync<Dataset>(EntityType.Dataset, cancellationToken))
        {
            if (dataset.Removed || seen++ < skip)
            {
                continue;
            }

            if (page.Count == PageSize)
            {
                more = true;
                break;
            }

            page.Add(new Resource { Uri = Scheme + dataset.Name, Name = dataset.Name, Description = Budgets.AnswerFitter.OneLine(dataset.Description, 200), MimeType = "application/json" });
        }

        return new ListResourcesResult { Resources = page, NextCursor = more ? (skip + PageSize).ToString(CultureInfo.InvariantCulture) : null };
    }

    public static ValueTask<ListResourceTemplatesResult> ListTemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [Template] });

    public static async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri ?? "";
        if (!uri.StartsWith(Scheme, StringComparison.Ordinal) || uri.Length == Scheme.Length)
        {
            throw new McpException($"Unknown resource {InputEcho.Quote(uri)}: TownLake serves {Scheme}<catalog.schema.table>.");
        }

        var services = request.Services!;
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext;
        var caller = http is null ? Caller.Anonymous : services.GetRequiredService<CallerResolver>().Resolve(http);
        var name = Uri.UnescapeDataString(uri[Scheme.Length..]);
        var answer = await services.GetRequiredService<AgentToolRunner>().RunAsync(
            "get_entity_details", new System.Text.Json.Nodes.JsonObject { ["entity"] = name, ["budget"] = ResourceBudget }, caller, "mcp", null, cancellationToken);
        if (answer.Error is { } error)
        {
            throw new McpException($"{error.Code}: {error.Message}");
        }

        return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = "application/json", Text = answer.Json! }] };
    }
}
