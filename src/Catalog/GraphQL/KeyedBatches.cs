namespace TownLake.Catalog.GraphQL;

/// <summary>
/// One <see cref="KeyedBatch{TKey, TValue}"/> per distinct field argument (e.g. <c>history(first: 5)</c> and
/// <c>history(first: 50)</c> in one request): parents asking with the same argument share one fetch.
/// </summary>
public sealed class KeyedBatches<TArgument, TKey, TValue>(Func<TArgument, IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, IEqualityComparer<TKey>? comparer = null)
    where TArgument : notnull
    where TKey : notnull
{
    private readonly Dictionary<TArgument, KeyedBatch<TKey, TValue>> _batches = [];
    private readonly Lock _gate = new();

    public KeyedBatch<TKey, TValue> For(TArgument argument)
    {
        lock (_gate)
        {
            if (!_batches.TryGetValue(argument, out var batch))
            {
                batch = new KeyedBatch<TKey, TValue>((keys, cancellationToken) => fetch(argument, keys, cancellationToken), comparer);
                _batches[argument] = batch;
            }

            return batch;
        }
    }
}
