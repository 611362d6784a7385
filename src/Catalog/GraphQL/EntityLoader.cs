using GraphQL;
using GraphQL.DataLoader;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.GraphQL;

/// <summary>
/// Batches the referenced entities (tags, terms, domains, users…) that one GraphQL request resolves: resolvers hand
/// back a pending result, GraphQL.NET resolves a whole level of fields first, and the first result awaited fetches
/// every key asked for so far in one store round trip — 50 datasets cost one query for their tags, not 50.
/// </summary>
public sealed class EntityLoader(IEntityStore store)
{
    private readonly Dictionary<Type, object> _batches = [];
    private readonly Lock _gate = new();

    public IDataLoaderResult<IReadOnlyList<T>> LoadMany<T>(IEnumerable<string> urns, Func<string, T>? fallback) where T : class, ICatalogEntity
    {
        var keys = urns.ToList();
        return BatchOf<T>().Load(keys, loaded =>
        {
            var result = new List<T>(keys.Count);
            foreach (var key in keys)
            {
                if (loaded.TryGetValue(key, out var entity))
                {
                    result.Add(entity);
                }
                else if (fallback is not null)
                {
                    result.Add(fallback(key));
                }
            }

            return (IReadOnlyList<T>)result;
        });
    }

    public IDataLoaderResult<T?> LoadOne<T>(string urn, Func<string, T>? fallback) where T : class, ICatalogEntity
    {
        var many = LoadMany(urn.Length == 0 ? [] : [urn], fallback);
        return new PendingResult<T?>(async cancellationToken => (await many.GetResultAsync(cancellationToken)).FirstOrDefault());
    }

    private KeyedBatch<string, T> BatchOf<T>() where T : class, ICatalogEntity
    {
        lock (_gate)
        {
            if (!_batches.TryGetValue(typeof(T), out var batch))
            {
                batch = new KeyedBatch<string, T>(store.GetManyAsync<T>, StringComparer.Ordinal);
                _batches[typeof(T)] = batch;
            }

            return (KeyedBatch<string, T>)batch;
        }
    }
}

/// <summary>Reaches the request's <see cref="EntityLoader"/> from a resolver.</summary>
public static class EntityLoaderExtensions
{
    public static IDataLoaderResult<IReadOnlyList<T>> LoadMany<T>(this IResolveFieldContext context, IEnumerable<string> urns, Func<string, T>? fallback) where T : class, ICatalogEntity =>
        ((GraphQLContext)context.UserContext).Loader.LoadMany(urns, fallback);

    public static IDataLoaderResult<T?> LoadOne<T>(this IResolveFieldContext context, string urn, Func<string, T>? fallback) where T : class, ICatalogEntity =>
        ((GraphQLContext)context.UserContext).Loader.LoadOne(urn, fallback);

    /// <summary>Tags by name; a tag the store does not know yet is shown by its name alone.</summary>
    public static IDataLoaderResult<IReadOnlyList<Tags.Tag>> LoadTags(this IResolveFieldContext context, IEnumerable<string> names) =>
        context.LoadMany(names.Select(Urn.Tag), urn => Tags.Tag.Create(Urn.Parse(urn).Key, default));

    /// <summary>Glossary terms by name; unknown names are left out.</summary>
    public static IDataLoaderResult<IReadOnlyList<Glossary.GlossaryTerm>> LoadTerms(this IResolveFieldContext context, IEnumerable<string> names) =>
        context.LoadMany<Glossary.GlossaryTerm>(names.Select(Urn.GlossaryTerm), null);
}
