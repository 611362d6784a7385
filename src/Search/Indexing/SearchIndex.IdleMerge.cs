using System.Diagnostics;
using Lucene.Net.Index;

namespace TownLake.Search.Indexing;

public sealed partial class SearchIndex
{
    /// <summary>
    /// Idle merges may use this share of the time at most: a merge rewrites up to half the index, and a slow trickle of
    /// writes would otherwise start one after every write.
    /// </summary>
    private const int IdleMergeSpacing = 20;

    private long _lastWrite = Stopwatch.GetTimestamp();
    private int _writtenSinceIdleMerge;
    private long _nextIdleMergeAllowed;
    private Task _idleMerge = Task.CompletedTask;
    private readonly System.Threading.Lock _idleMergeLock = new();

    /// <summary>
    /// After a burst of writes the index is many small segments (each refresh flushes one; the merge policy only merges
    /// similar sizes, in tiers). Every search pays a fixed cost per segment for each of its terms, so once writes stop
    /// for <see cref="SearchIndexOptions.IdleMergeDelay"/> the segments are merged down to
    /// <see cref="SearchIndexOptions.IdleMaxSegments"/> in the background; searches switch to the merged index when it is ready.
    /// </summary>
    private void MaybeStartIdleMerge()
    {
        lock (_idleMergeLock)
        {
            if (Volatile.Read(ref _rebuilding) == 1
                || !_idleMerge.IsCompleted
                || Volatile.Read(ref _writtenSinceIdleMerge) == 0
                || Stopwatch.GetElapsedTime(Volatile.Read(ref _lastWrite)) < _options.IdleMergeDelay
                || Stopwatch.GetTimestamp() < Volatile.Read(ref _nextIdleMergeAllowed))
            {
                return;
            }

            Interlocked.Exchange(ref _writtenSinceIdleMerge, 0);
            if (SegmentCount > _options.IdleMaxSegments)
            {
                _idleMerge = Task.Run(MergeDown);
            }
        }
    }

    /// <summary>Stops idle merges for a rebuild: none starts after this, and a running one has finished when it returns.</summary>
    private async Task StopIdleMergesAsync()
    {
        lock (_idleMergeLock)
        {
            Volatile.Write(ref _rebuilding, 1);
        }

        await _idleMerge.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void MergeDown()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // The merge policy merges the smallest segments, so the largest ones are not rewritten.
            _writer.ForceMerge(_options.IdleMaxSegments);
            _searchers.MaybeRefreshBlocking();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // A failed merge (e.g. a full disk) leaves the segments as they were; the next idle spell tries again.
            LastBackgroundError = error;
        }
        finally
        {
            var took = Stopwatch.GetTimestamp() - started;
            Volatile.Write(ref _nextIdleMergeAllowed, Stopwatch.GetTimestamp() + (took * IdleMergeSpacing));
        }
    }

    /// <summary>Number of segments searches currently read (an index that has been idle has at most <see cref="SearchIndexOptions.IdleMaxSegments"/>).</summary>
    public int SegmentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.Leaves.Count;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    private void WaitForIdleMerge()
    {
        try
        {
            _idleMerge.Wait();
        }
        catch (AggregateException)
        {
        }
    }
}
