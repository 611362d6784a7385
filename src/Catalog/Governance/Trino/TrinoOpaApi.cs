using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Governance.Trino;

/// <summary>
/// An OPA-compatible decision endpoint for Trino's <c>opa</c> access control, answering from the same policy as the
/// query front: <c>opa.policy.uri=…/api/governance/trino/opa/allow</c>, <c>opa.policy.batched-uri=…/opa/batch</c>,
/// <c>opa.policy.column-masking-uri=…/opa/column-mask</c> and <c>opa.policy.batch-column-masking-uri=…/opa/column-masks</c>.
/// Trino, not people, calls it: the caller proves it is Trino with <see cref="GovernanceOptions.TrinoOpaToken"/> or by
/// connecting from <see cref="GovernanceOptions.TrinoOpaNetworks"/>; the identity inside the body is Trino's.
/// </summary>
public static class TrinoOpaApi
{
    /// <summary>The largest body read; Trino's biggest batches (every table of a catalog) fit well inside.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>The most resources one batch may carry.</summary>
    public const int MaxBatchResources = 100_000;

    private static readonly JsonSerializerOptions Json = new() { MaxDepth = 16 };

    public static void MapTrinoOpaApi(this WebApplication app)
    {
        var opa = app.MapGroup("/api/governance/trino/opa").WithTags("Governance");
        opa.MapPost("/allow", async (HttpContext http, TrinoOpaDecider decider, IOptions<GovernanceOptions> options) =>
            Results.Json(new { result = await decider.AllowAsync(await ReadAsync(http, options.Value), http.RequestAborted) }))
            .WithName("TrinoOpaAllow").WithSummary("OPA decision for one Trino operation ({\"result\": true|false}).");
        opa.MapPost("/batch", async (HttpContext http, TrinoOpaDecider decider, IOptions<GovernanceOptions> options) =>
            Results.Json(new { result = await decider.FilterAsync(await ReadAsync(http, options.Value), http.RequestAborted) }))
            .WithName("TrinoOpaBatch").WithSummary("OPA batch filter for Trino ({\"result\": [indexes kept]}).");
        opa.MapPost("/column-mask", async (HttpContext http, TrinoOpaDecider decider, IOptions<GovernanceOptions> options) =>
            Results.Json(new { result = await decider.ColumnMaskAsync(await ReadAsync(http, options.Value), http.RequestAborted) is { } expression ? new { expression } : null }))
            .WithName("TrinoOpaColumnMask").WithSummary("OPA column mask for Trino ({\"result\": {\"expression\": …}} or {\"result\": null}).");
        opa.MapPost("/column-masks", async (HttpContext http, TrinoOpaDecider decider, IOptions<GovernanceOptions> options) =>
            Results.Json(new
            {
                result = (await decider.ColumnMasksAsync(await ReadAsync(http, options.Value), http.RequestAborted))
                    .Select(m => new { index = m.Index, viewExpression = new { expression = m.Expression } }),
            }))
            .WithName("TrinoOpaColumnMasks").WithSummary("OPA batch column masks for Trino ({\"result\": [{\"index\", \"viewExpression\"}]}).");
    }

    /// <summary>Checks the caller is Trino, then reads a bounded body into the documented input shape.</summary>
    private static async Task<OpaInput> ReadAsync(HttpContext http, GovernanceOptions options)
    {
        EnsureTrino(http, options);
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        OpaRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<OpaRequest>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Json);
        }
        catch (JsonException e)
        {
            throw CatalogError.MalformedJson(e);
        }

        var input = request?.Input ?? throw CatalogException.BadInput("The body must be Trino's OPA request: {\"input\": {\"context\": {\"identity\": …}, \"action\": {\"operation\": …}}}.");
        if (input.Action?.Operation is not { Length: > 0 })
        {
            throw CatalogException.BadInput("input.action.operation is required (e.g. SelectFromColumns, FilterTables, GetColumnMask).");
        }

        if (input.Action.FilterResources is { Count: > MaxBatchResources })
        {
            throw new CatalogException(ErrorCodes.PayloadTooLarge, $"A batch holds at most {MaxBatchResources:N0} resources (got {input.Action.FilterResources.Count:N0}).");
        }

        return input;
    }

    private static void EnsureTrino(HttpContext http, GovernanceOptions options)
    {
        var configured = options.TrinoOpaToken;
        var networks = options.TrustedOpaNetworks();
        if (string.IsNullOrEmpty(configured) && networks.Count == 0)
        {
            throw CatalogException.Forbidden($"The OPA endpoint answers only Trino: set {GovernanceOptions.Section}:TrinoOpaToken or {GovernanceOptions.Section}:TrinoOpaNetworks.");
        }

        // A query parameter, not a header: Trino's OPA client sends the configured URI as is, and an Authorization
        // header would be read as the caller's own sign-in under TownLake:Auth:Mode=jwt.
        var token = http.Request.Query["token"].ToString();
        var byToken = !string.IsNullOrEmpty(configured) && token.Length > 0
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
        var peer = http.Connection.RemoteIpAddress;
        var byNetwork = peer is not null && networks.Any(n => n.Contains(peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer));
        if (!byToken && !byNetwork)
        {
            throw CatalogException.Forbidden("The OPA endpoint answers only Trino: send the configured token (the token query parameter of the configured URIs) or connect from a trusted network.");
        }
    }

    private static CatalogException TooLarge() =>
        new(ErrorCodes.PayloadTooLarge, $"An OPA request body is at most {MaxBodyBytes / (1024 * 1024)} MiB.") { Hint = "Trino's batches are far smaller; check what is calling this endpoint." };
}
