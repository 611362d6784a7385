using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.GraphQL;

/// <summary>Per-request state handed to every resolver: the caller, the request's entity loader and its relation loaders.</summary>
public sealed class GraphQLContext : Dictionary<string, object?>
{
    private readonly Dictionary<Type, object> _loaders = [];
    private readonly Lock _gate = new();

    public GraphQLContext(Caller caller, EntityLoader loader)
    {
        Caller = caller;
        Loader = loader;
    }

    public Caller Caller { get; }

    /// <summary>The request's batch loader for referenced entities.</summary>
    public EntityLoader Loader { get; }

    /// <summary>
    /// The request's DataLoader of type <typeparamref name="T"/>, created (with its services) the first time a resolver
    /// asks: one per request, so batches never mix callers or outlive the request.
    /// </summary>
    public T RelationLoader<T>(IServiceProvider services) where T : class
    {
        lock (_gate)
        {
            if (!_loaders.TryGetValue(typeof(T), out var loader))
            {
                loader = ActivatorUtilities.CreateInstance<T>(services);
                _loaders[typeof(T)] = loader;
            }

            return (T)loader;
        }
    }
}

/// <summary>Short ways for resolvers to reach the caller, request services and the request's loaders.</summary>
public static class ResolveContextExtensions
{
    public static Caller Caller(this IResolveFieldContext context) => ((GraphQLContext)context.UserContext).Caller;

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();

    /// <summary>The request's DataLoader of one relation (see <see cref="GraphQLContext.RelationLoader{T}"/>).</summary>
    public static T Loader<T>(this IResolveFieldContext context) where T : class =>
        ((GraphQLContext)context.UserContext).RelationLoader<T>(context.RequestServices!);
}
