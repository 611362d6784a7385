using TownLake.Catalog.Agents.Http;

namespace TownLake.Catalog.Hosting;

/// <summary>The plain HTTP endpoints beside GraphQL (health; the agent and lineage APIs add theirs here). The agent
/// routes, /api/agent/&lt;tool&gt;, all come from <see cref="AgentApis"/>, so JSON and MCP answer alike.</summary>
public static class HttpApis
{
    public static void MapTownLakeApis(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).WithName("Health");
        Lineage.LineageHttpApi.MapLineageApis(app);
        app.MapAgentApis();
        Governance.Trino.TrinoRulesApi.MapTrinoRulesApi(app);
        Governance.Trino.TrinoOpaApi.MapTrinoOpaApi(app);
    }
}
