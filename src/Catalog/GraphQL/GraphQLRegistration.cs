using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation.Complexity;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Identity;

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
        services.AddOptions<GraphQLLimitsOptions>().BindConfiguration(GraphQLLimitsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphQLLimitsOptions>, GraphQLLimitsOptionsValidator>();
        services.AddGraphQL(builder => builder
            .AddSchema<CatalogSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(CatalogSchema).Assembly)
            .AddComplexityAnalyzer(c =>
            {
                c.MaxDepth = MaxDepth;
                c.MaxComplexity = MaxComplexity;
                var dataImpact = c.DefaultComplexityImpactDelegate;
                c.DefaultComplexityImpactDelegate = context => IsIntrospection(context) ? new FieldComplexityResult(1, 1) : dataImpact(context);
            })
            .AddUnhandledExceptionHandler(MapError)
            .ConfigureExecutionOptions(o => o.ThrowOnUnhandledException = false));
        return services;
    }

    /// <summary>
    /// Introspection lists are the schema's own types and fields, a few hundred entries, not data rows: they count once
    /// instead of multiplying their children, so GraphiQL's introspection query passes while data lists keep the default.
    /// </summary>
    private static bool IsIntrospection(FieldImpactContext context) =>
        context.ParentType.Name.StartsWith("__", StringComparison.Ordinal) || context.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal);

    /// <summary>Catalog rule violations become errors with their code; anything else is logged and reported without internals.</summary>
    private static void MapError(UnhandledExceptionContext context)
    {
        switch (context.OriginalException)
        {
            case CatalogException catalog:
                context.Exception = new ExecutionError(catalog.Message) { Code = catalog.Code };
                break;
            case OperationCanceledException:
                context.Exception = new ExecutionError("The request was cancelled or timed out.") { Code = "CANCELLED" };
                break;
            case ArgumentException argument:
                context.Exception = new ExecutionError(argument.Message) { Code = "BAD_USER_INPUT" };
                break;
            default:
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("TownLake.GraphQL");
                logger?.LogError(context.OriginalException, "Unhandled error in a GraphQL resolver");
                context.Exception = new ExecutionError("An internal error occurred; it has been logged.") { Code = "INTERNAL_SERVER_ERROR" };
                break;
        }
    }
}
