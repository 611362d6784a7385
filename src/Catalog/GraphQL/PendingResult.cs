using GraphQL.DataLoader;

namespace TownLake.Catalog.GraphQL;

/// <summary>A DataLoader result that runs its fetch the first time it is awaited.</summary>
public sealed class PendingResult<TResult>(Func<CancellationToken, Task<TResult>> fetch) : IDataLoaderResult<TResult>
{
    private Task<TResult>? _result;

    public Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) => _result ??= fetch(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
}

/// <summary>Shapes a DataLoader result without awaiting it, so the resolver still hands GraphQL.NET a pending result.</summary>
public static class DataLoaderResultExtensions
{
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> shape) =>
        new PendingResult<TResult>(async cancellationToken => shape(await result.GetResultAsync(cancellationToken)));
}
