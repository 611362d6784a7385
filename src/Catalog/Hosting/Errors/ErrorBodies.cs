using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace TownLake.Catalog.Hosting.Errors;

/// <summary>Writes a <see cref="CatalogError"/> in the shape each face's clients read.</summary>
public static class ErrorBodies
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>REST and agent JSON: <c>{"error": {"code", "message", "hint"?}}</c>. MCP tool errors carry the same text.</summary>
    public static JsonObject Rest(CatalogError error)
    {
        var body = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        if (error.Hint is not null)
        {
            body["hint"] = error.Hint;
        }

        return new JsonObject { ["error"] = body };
    }

    /// <summary>
    /// Marquez's error body, Dropwizard's <c>io.dropwizard.jersey.errors.ErrorMessage</c>: <c>code</c> is the HTTP
    /// status as a number, <c>message</c> the text, and <c>details</c> (left out when null) free text, which here holds
    /// our code so Marquez clients and TownLake's own read the same failure. Read from Marquez's source: its exception
    /// mappers (<c>api/src/main/java/marquez/api/exceptions/JdbiExceptionExceptionMapper.java</c>,
    /// <c>JsonProcessingExceptionMapper.java</c>) answer <c>new ErrorMessage(status, message)</c>, its not-found
    /// exceptions (<c>DatasetNotFoundException</c>, <c>NodeIdNotFoundException</c>) are JAX-RS <c>NotFoundException</c>s
    /// that Dropwizard writes the same way, and its Java client reads <c>code</c>, <c>message</c>, <c>details</c>
    /// (<c>clients/java/.../MarquezHttp.java</c>, <c>HttpError</c>). Unlike Marquez's JSON mapper (a 500 status around a
    /// body saying 400) the status and <c>code</c> always agree here.
    /// </summary>
    public static JsonObject Marquez(CatalogError error) => new()
    {
        ["code"] = error.Status,
        ["message"] = error.Message,
        ["details"] = error.Code,
    };

    /// <summary>A GraphQL response that failed before execution: <c>{"errors": [{"message", "extensions": {"code", "hint"?}}]}</c>.</summary>
    public static JsonObject GraphQL(CatalogError error)
    {
        var extensions = new JsonObject { ["code"] = error.Code };
        if (error.Hint is not null)
        {
            extensions["hint"] = error.Hint;
        }

        return new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = error.Message, ["extensions"] = extensions }) };
    }

    public static JsonObject For(CatalogError error, ErrorFace face) => face switch
    {
        ErrorFace.Marquez => Marquez(error),
        ErrorFace.GraphQL => GraphQL(error),
        _ => Rest(error),
    };

    public static async Task WriteAsync(HttpContext http, CatalogError error, ErrorFace face)
    {
        http.Response.StatusCode = error.Status;
        if (error.Code == ErrorCodes.Cancelled)
        {
            return; // nobody is listening
        }

        await http.Response.WriteAsJsonAsync(For(error, face), Json, http.RequestAborted);
    }

    /// <summary>An MCP tool's failure: <c>isError</c> with the REST body as its text, so an agent reads the same code and message.</summary>
    public static CallToolResult ToolResult(CatalogError error) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = Rest(error).ToJsonString(Json) }],
    };
}
