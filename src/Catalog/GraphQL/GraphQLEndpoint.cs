using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.GraphQL;

/// <summary>
/// Serves GraphQL over HTTP at <c>/graphql</c>: POST (JSON body) and GET (<c>?query=</c>) run operations; a browser's
/// GET gets the bundled GraphiQL explorer. A body that is not a GraphQL request is a 400 with a message, never a 500.
/// </summary>
public static class GraphQLEndpoint
{
    public const string Path = "/graphql";

    public static void MapGraphQLEndpoint(this WebApplication app)
    {
        app.MapPost(Path, async (HttpContext http, IGraphQLTextSerializer serializer) =>
        {
            GraphQLRequest? request;
            try
            {
                request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
            }
            catch (JsonException ex)
            {
                throw CatalogError.MalformedJson(ex);
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or FormatException)
            {
                await WriteBadRequestAsync(http, "The body is not a GraphQL request: " + ex.Message);
                return;
            }

            await RunAsync(http, request, serializer);
        }).WithErrorFace(ErrorFace.GraphQL);
        app.MapGet(Path, async (HttpContext http, IGraphQLTextSerializer serializer, IWebHostEnvironment environment) =>
        {
            var query = http.Request.Query["query"].ToString();
            if (query.Length == 0)
            {
                var explorer = environment.WebRootFileProvider.GetFileInfo("graphiql/index.html");
                if (!explorer.Exists)
                {
                    await WriteBadRequestAsync(http, "GraphiQL is not bundled in this build (run the build with Node.js installed); POST GraphQL requests to /graphql.");
                    return;
                }

                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.SendFileAsync(explorer, http.RequestAborted);
                return;
            }

            Inputs? variables = null;
            var variablesText = http.Request.Query["variables"].ToString();
            if (variablesText.Length > 0)
            {
                try
                {
                    variables = serializer.Deserialize<Inputs>(variablesText);
                }
                catch (JsonException)
                {
                    await WriteBadRequestAsync(http, "'variables' is not a JSON object.");
                    return;
                }
            }

            // GET never runs mutations: a link must not be able to change the catalog.
            await RunAsync(http, new GraphQLRequest { Query = query, Variables = variables, OperationName = NullIfEmpty(http.Request.Query["operationName"]) }, serializer, queriesOnly: true);
        }).WithErrorFace(ErrorFace.GraphQL);
    }

    private static async Task RunAsync(HttpContext http, GraphQLRequest? request, IGraphQLTextSerializer serializer, bool queriesOnly = false)
    {
        if (request?.Query is null || string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteBadRequestAsync(http, "A GraphQL request needs a non-empty 'query'.");
            return;
        }

        var services = http.RequestServices;
        var executer = services.GetRequiredService<IDocumentExecuter<CatalogSchema>>();
        var caller = services.GetRequiredService<CallerResolver>().Resolve(http);
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.OperationName = request.OperationName;
            options.UserContext = new GraphQLContext(caller, new EntityLoader(services.GetRequiredService<IEntityStore>()));
            options.RequestServices = services;
            options.CancellationToken = http.RequestAborted;
            if (queriesOnly)
            {
                options.ValidationRules = global::GraphQL.Validation.DocumentValidator.CoreRules.Append(new QueriesOnlyRule());
            }
        });
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Task WriteBadRequestAsync(HttpContext http, string message) =>
        ErrorBodies.WriteAsync(http, new CatalogError(ErrorCodes.BadRequest, message), ErrorFace.GraphQL);
}
