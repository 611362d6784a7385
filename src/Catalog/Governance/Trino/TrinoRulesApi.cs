using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Governance.Trino;

/// <summary>
/// Serves the Trino rules over HTTP for <c>security.config-file=http://townlake:5080/api/governance/trino/rules.json</c>:
/// to reviewers and administrators, or to Trino itself with <c>TownLake:Governance:TrinoRulesToken</c> as the
/// <c>token</c> query parameter (the rules hold the mask key, so nobody else reads them).
/// </summary>
public static class TrinoRulesApi
{
    public static void MapTrinoRulesApi(this WebApplication app) =>
        app.MapGet("/api/governance/trino/rules.json", ServeAsync).WithName("TrinoRules").WithTags("Governance")
            .WithSummary("Trino file-based access-control rules rendered from TownLake's governance policy.");

    private static async Task<IResult> ServeAsync(HttpContext http, TrinoRulesRenderer renderer, GovernanceService governance, CallerResolver callers, IOptions<GovernanceOptions> options)
    {
        var token = http.Request.Query["token"].ToString();
        var configured = options.Value.TrinoRulesToken;
        var byToken = !string.IsNullOrEmpty(configured) && token.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
        if (!byToken && !governance.IsReviewer(callers.Resolve(http)))
        {
            throw CatalogException.Forbidden("The Trino rules are served to reviewers and to Trino with TownLake:Governance:TrinoRulesToken (the token query parameter).");
        }

        return Results.Json(await renderer.RenderAsync(http.RequestAborted));
    }
}
