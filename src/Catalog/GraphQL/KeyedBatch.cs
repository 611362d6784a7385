using GraphQL.DataLoader;

namespace TownLake.Catalog.GraphQL;

/// <summary>
/// The batching under every per-request DataLoader: resolvers say which keys they want and get a pending result;
/// GraphQL.NET resolves a whole level of fields before awaiting any of them, so the first result awaited fetches every
/// key wanted so far in one call of <c>fetch</c>. Fetched keys are remembered for the rest of the request; so is a
/// failed fetch, so every result waiting on its keys fails with the same error instead of reading as "not found"
/// (a store outage must answer SOURCE_UNAVAILABLE, not null for a field that cannot be null).
/// </summary>
public sealed class KeyedBatch<TKey, TValue>(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TValue> _loaded = new(comparer);
    private readonly HashSet<TKey> _pending = new(comparer);
    private readonly Dictionary<TKey, System.Runtime.ExceptionServices.ExceptionDispatchInfo> _failed = new(comparer);
    private readonly SemaphoreSlim _fetching = new(1, 1);

    /// <summary>
    /// Wants <paramref name="keys"/> and returns a pending result built by <paramref name="pick"/> from the values
    /// found for them (keys the fetch did not return are absent).
    /// </summary>
    public IDataLoaderResult<TResult> Load<TResult>(IReadOnlyCollection<TKey> keys, Func<IReadOnlyDictionary<TKey, TValue>, TResult> pick)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (!_loaded.ContainsKey(key))
                {
                    _pending.Add(key);
                }
            }
        }

        return new PendingResult<TResult>(async cancellationToken => pick(await FetchAsync(keys, cancellationToken)));
    }

    private async Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyCollection<TKey> wanted, CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            TKey[] keys;
            lock (_gate)
            {
                keys = [.. _pending];
                _pending.Clear();
            }

            IReadOnlyDictionary<TKey, TValue>? fetched = null;
            try
            {
                fetched = keys.Length == 0 ? null : await fetch(keys, cancellationToken);
            }
            catch (Exception ex)
            {
                var failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
                lock (_gate)
                {
                    foreach (var key in keys)
                    {
                        _failed[key] = failure;
                    }
                }

                throw;
            }

            lock (_gate)
            {
                foreach (var key in wanted)
                {
                    if (_failed.TryGetValue(key, out var failure))
                    {
                        failure.Throw();
                    }
                }

                foreach (var (key, value) in fetched ?? new Dictionary<TKey, TValue>())
                {
                    _loaded[key] = value;
                }

                var found = new Dictionary<TKey, TValue>(comparer);
                foreach (var key in wanted)
                {
                    if (_loaded.TryGetValue(key, out var value))
                    {
                        found[key] = value;
                    }
                }

                return found;
            }
        }
        finally
        {
            _fetching.Release();
        }
    }
}
