using GraphQL;
using GraphQL.Execution;
using TownLake.Catalog.Hosting.Errors;

namespace TownLake.Catalog.GraphQL;

/// <summary>Registers the GraphQL schema, its limits and its error mapping.</summary>
public static class GraphQLRegistration
{
    /// <summary>The deepest selection a request may make; the catalog's deepest useful query is about 8.</summary>
    public const int MaxDepth = 15;

    /// <summary>The largest weighted field count a request may ask for.</summary>
    public const int MaxComplexity = 50_000;

    public static IServiceCollection AddCatalogGraphQL(this IServiceCollection services)
    {
        services.AddGraphQL(builder => builder
            .AddSchema<CatalogSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(CatalogSchema).Assembly)
            .AddComplexityAnalyzer(c =>
            {
                c.MaxDepth = MaxDepth;
                c.MaxComplexity = MaxComplexity;
            })
            .AddUnhandledExceptionHandler(MapError)
            .ConfigureExecutionOptions(o => o.ThrowOnUnhandledException = false));
        return services;
    }

    /// <summary>
    /// Resolver failures are mapped like every other face's (<see cref="CatalogErrorMapper"/>): the error keeps the
    /// mapped code in <c>extensions.code</c> and its message; unknown failures are logged there and say only that.
    /// </summary>
    private static void MapError(UnhandledExceptionContext context)
    {
        var mapper = context.ExecutionOptions.RequestServices?.GetService<CatalogErrorMapper>();
        var error = mapper?.Map(context.OriginalException, context.ExecutionOptions.CancellationToken.IsCancellationRequested) ?? CatalogError.Internal;
        context.Exception = new ExecutionError(error.Message) { Code = error.Code };
    }
}
