using ModelContextProtocol.Server;
using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Agents.CodeMode;
using TownLake.Catalog.Agents.Mcp;
using TownLake.Catalog.Agents.Memory;
using TownLake.Catalog.Agents.Tools;

namespace TownLake.Catalog.Agents;

/// <summary>Registers the agent face: the tools, the runner, memory, Code Mode, and the MCP server at <c>/mcp</c>.</summary>
public static class AgentServices
{
    public static IServiceCollection AddTownLakeAgents(this IServiceCollection services)
    {
        services.AddSingleton<TokenCounter>();
        services.AddSingleton<AnswerFitter>();
        services.AddSingleton<AgentMemory>();
        services.AddSingleton<EntityResolver>();
        services.AddSingleton<SearchDatasetsTool>();
        services.AddSingleton<EntityDetailsTool>();
        services.AddSingleton<SchemaFieldsTool>();
        services.AddSingleton<ProfileColumnTool>();
        services.AddSingleton<LineageTool>();
        services.AddSingleton<DataModelTool>();
        services.AddSingleton<CatalogTools>();
        services.AddSingleton<QueryTools>();
        services.AddSingleton<MemoryTools>();
        services.AddSingleton<CodeModeTools>();
        services.AddSingleton<CodeModeSandbox>();
        services.AddSingleton<AgentToolCatalog>();
        services.AddSingleton<AgentToolRunner>();
        services.AddHttpContextAccessor();

        services.AddMcpServer(mcp =>
            {
                mcp.ServerInfo = new() { Name = "townlake", Title = "TownLake data catalog", Version = typeof(AgentServices).Assembly.GetName().Version?.ToString() ?? "1.0" };
                mcp.ServerInstructions = ServerInstructions.Text;
            })
            .WithHttpTransport(http => http.Stateless = true)
            .WithListResourcesHandler(DatasetResources.ListAsync)
            .WithListResourceTemplatesHandler(DatasetResources.ListTemplatesAsync)
            .WithReadResourceHandler(DatasetResources.ReadAsync);

        // The tools are described once (AgentToolCatalog); MCP serves each through an AgentMcpTool.
        services.AddOptions<McpServerOptions>().PostConfigure<AgentToolCatalog>((options, catalog) =>
        {
            options.ToolCollection ??= [];
            foreach (var tool in catalog.Tools)
            {
                options.ToolCollection.Add(new AgentMcpTool(tool));
            }
        });
        return services;
    }
}
