using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.GraphQL;

/// <summary>
/// Serves GraphQL over HTTP at <c>/graphql</c>: POST (JSON body) and GET (<c>?query=</c>) run operations; a browser's
/// GET gets the bundled GraphiQL explorer. A body that is not a GraphQL request is a 400 with a message, never a 500.
/// The limits of <see cref="GraphQLLimitsOptions"/> are checked on the raw request and the parsed document before any
/// validation rule runs; validation and execution stop at the time limit or when the client goes away.
/// </summary>
public static class GraphQLEndpoint
{
    public const string Path = "/graphql";

    public static void MapGraphQLEndpoint(this WebApplication app)
    {
        app.MapPost(Path, async (HttpContext http, IGraphQLTextSerializer serializer, IOptions<GraphQLLimitsOptions> limits) =>
        {
            if (await ReadBodyAsync(http, limits.Value.MaxRequestBytes) is not { } body)
            {
                await WriteViolationAsync(http, RequestTooLarge(limits.Value));
                return;
            }

            GraphQLRequest? request;
            try
            {
                request = await serializer.ReadAsync<GraphQLRequest>(body, http.RequestAborted);
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
        app.MapGet(Path, async (HttpContext http, IGraphQLTextSerializer serializer, IWebHostEnvironment environment, IOptions<GraphQLLimitsOptions> limits) =>
        {
            if (http.Request.QueryString.Value?.Length > limits.Value.MaxRequestBytes)
            {
                await WriteViolationAsync(http, RequestTooLarge(limits.Value));
                return;
            }

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
                // The page names its hashed bundles: revalidate it so a new build is picked up at once.
                http.Response.Headers.CacheControl = "no-cache";
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
        var limits = services.GetRequiredService<IOptions<GraphQLLimitsOptions>>().Value;
        var (document, violation) = Parse(request.Query, limits);
        if (violation is not null)
        {
            await WriteViolationAsync(http, violation);
            return;
        }

        var executer = services.GetRequiredService<IDocumentExecuter<CatalogSchema>>();
        var caller = services.GetRequiredService<CallerResolver>().Resolve(http);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(limits.Timeout);
        ExecutionResult result;
        try
        {
            result = await executer.ExecuteAsync(options =>
            {
                options.Query = request.Query;
                // A syntax error leaves the document unset, so the executer reports it the way it always has.
                options.Document = document;
                options.Variables = request.Variables;
                options.Extensions = request.Extensions;
                options.OperationName = request.OperationName;
                options.UserContext = new GraphQLContext(caller, new EntityLoader(services.GetRequiredService<IEntityStore>()));
                options.RequestServices = services;
                options.CancellationToken = deadline.Token;
                if (queriesOnly)
                {
                    options.ValidationRules = global::GraphQL.Validation.DocumentValidator.CoreRules.Append(new QueriesOnlyRule());
                }
            });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (http.RequestAborted.IsCancellationRequested)
            {
                // The client went away: nobody is left to answer.
                return;
            }

            await WriteViolationAsync(http, new GraphQLLimitViolation(GraphQLLimitViolation.Timeout, nameof(limits.Timeout), (long)limits.Timeout.TotalMilliseconds,
                $"The query took longer than {limits.Timeout.TotalSeconds:0.###} s to validate and run; the limit is {GraphQLLimitsOptions.Section}:Timeout."));
            return;
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>
    /// Parses the query and measures it against the limits. A syntax error gives neither a document nor a violation (the
    /// executer reports it); nesting past the parser's depth limit is a violation, not an internal error.
    /// </summary>
    private static (GraphQLDocument? Document, GraphQLLimitViolation? Violation) Parse(string query, GraphQLLimitsOptions limits)
    {
        if (Encoding.UTF8.GetByteCount(query) > limits.MaxDocumentBytes)
        {
            return (null, GraphQLLimitViolation.Over(GraphQLLimitViolation.TooLarge, nameof(limits.MaxDocumentBytes), limits.MaxDocumentBytes, "bytes"));
        }

        GraphQLDocument document;
        try
        {
            // Each selection level is two syntax levels (field, selection set); arguments and values add a few more.
            document = new GraphQLDocumentBuilder { MaxDepth = (limits.MaxDepth * 2) + 32 }.Build(query);
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return (null, GraphQLLimitViolation.Over(GraphQLLimitViolation.TooComplex, nameof(limits.MaxDepth), limits.MaxDepth, "levels of nesting"));
        }
        catch (Exception e) when (e is GraphQLParserException or ExecutionError)
        {
            // The document builder reports a syntax error as an ExecutionError; the executer re-parses and answers it as before.
            return (null, null);
        }

        return (document, DocumentLimits.Check(document, limits));
    }

    /// <summary>Reads the body into memory, or returns null as soon as it passes <paramref name="maxBytes"/>.</summary>
    private static async Task<Stream?> ReadBodyAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static GraphQLLimitViolation RequestTooLarge(GraphQLLimitsOptions limits) =>
        GraphQLLimitViolation.Over(GraphQLLimitViolation.TooLarge, nameof(limits.MaxRequestBytes), limits.MaxRequestBytes, "bytes in its request");

    private static Task WriteViolationAsync(HttpContext http, GraphQLLimitViolation violation)
    {
        http.Response.StatusCode = violation.Status;
        return http.Response.WriteAsJsonAsync(new
        {
            errors = new[] { new { message = violation.Message, extensions = new { code = violation.Code, limit = violation.Limit, max = violation.Max } } },
        }, http.RequestAborted);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Task WriteBadRequestAsync(HttpContext http, string message) =>
        ErrorBodies.WriteAsync(http, new CatalogError(ErrorCodes.BadRequest, message), ErrorFace.GraphQL);
}
