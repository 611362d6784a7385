using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation.Complexity;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.GraphQL;

/// <summary>Registers the GraphQL schema, its limits and its error mapping.</summary>
public static class GraphQLRegistration
{
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
                // Depth is DocumentLimits' to check (GraphQLLimitsOptions.MaxDepth): it counts through fragments and bounds
                // introspection by its nested lists instead of its deep but single-object ofType chains.
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
