using TownLake.Catalog.Agents;

namespace TownLake.Catalog.Hosting;

/// <summary>The plain HTTP endpoints beside GraphQL (health; the agent and lineage APIs add theirs here).</summary>
public static class HttpApis
{
    public static void MapTownLakeApis(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).WithName("Health");
        Lineage.LineageHttpApi.MapLineageApis(app);
        app.MapAgentApis();
        QueryFront.QueryApis.MapQueryApis(app);
        Governance.Trino.TrinoRulesApi.MapTrinoRulesApi(app);
    }
}
