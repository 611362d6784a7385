namespace TownLake.Catalog.Hosting.Errors;

/// <summary>
/// Catches whatever an endpoint throws and answers with the mapped error in the endpoint's <see cref="ErrorFace"/>,
/// so handlers just throw <see cref="Identity.CatalogException"/>. Sits after routing, so it knows the endpoint.
/// </summary>
public sealed class CatalogErrorMiddleware(RequestDelegate next, CatalogErrorMapper mapper)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception exception)
        {
            var error = mapper.Map(exception, http.RequestAborted.IsCancellationRequested);
            if (http.Response.HasStarted)
            {
                // Part of the answer is on the wire: the status can no longer change, so end the connection instead.
                throw;
            }

            http.Response.Clear();
            await ErrorBodies.WriteAsync(http, error, http.GetEndpoint()?.Metadata.OfType<ErrorFace>().LastOrDefault() ?? ErrorFace.Rest);
        }
    }
}
