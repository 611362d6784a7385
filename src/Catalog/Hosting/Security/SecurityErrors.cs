namespace TownLake.Catalog.Hosting.Security;

/// <summary>Writes a refusal the way every HTTP error reads: <c>{ "error": { "code", "message" } }</c> with a 4xx status.</summary>
public static class SecurityErrors
{
    public static Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error = new { code, message } }, http.RequestAborted);
    }
}
