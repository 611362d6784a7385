using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.GraphQL;

/// <summary>Per-request state handed to every resolver: the caller and the request's entity loader.</summary>
public sealed class GraphQLContext : Dictionary<string, object?>
{
    public GraphQLContext(Caller caller, EntityLoader loader)
    {
        Caller = caller;
        Loader = loader;
    }

    public Caller Caller { get; }

    /// <summary>The request's batch loader for referenced entities.</summary>
    public EntityLoader Loader { get; }
}

/// <summary>Short ways for resolvers to reach the caller and request services.</summary>
public static class ResolveContextExtensions
{
    public static Caller Caller(this IResolveFieldContext context) => ((GraphQLContext)context.UserContext).Caller;

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();
}
