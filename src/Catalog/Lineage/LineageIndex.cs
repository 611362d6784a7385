using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;

namespace TownLake.Catalog.Lineage;

/// <summary>
/// Keeps an in-memory <see cref="LineageSnapshot"/> of the store's lineage current by following the change log: it
/// loads every edge once (remembering the change-log number it loaded at), then for each later lineage entry re-reads
/// only the edges into that entry's dataset and rebuilds the snapshot from memory, never from the database. A read
/// first applies what this process committed (so a write is visible to the next read here), and what other replicas
/// announced (PostgreSQL notifications) or, failing those, what a poll of the log at most once a second finds.
/// </summary>
public sealed class LineageIndex : IDisposable
{
    private static readonly TimeSpan HeadPoll = TimeSpan.FromSeconds(1);
    private const int BatchSize = 5000;
    private readonly ILineageStore _store;
    private readonly IChangeLog _changeLog;
    private readonly CatalogChangeFeed _feed;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private Dictionary<string, LineageEdge[]>? _incoming;
    private LineageSnapshot? _current;
    private bool _dirty;
    private long _applied = -1;
    private long _lastHeadCheck;
    private int _prunedRebuilds;

    /// <summary>An index over a relational store that is its own change log (benchmarks and tools).</summary>
    public LineageIndex(ILineageStore store)
        : this(store, store as IChangeLog ?? throw new ArgumentException("The lineage store keeps no change log.", nameof(store)), new CatalogChangeFeed())
    {
    }

    public LineageIndex(ILineageStore store, IChangeLog changeLog, CatalogChangeFeed feed)
    {
        _store = store;
        _changeLog = changeLog;
        _feed = feed;
    }

    /// <summary>Full reloads taken because the change log was pruned past this graph's position.</summary>
    public int PrunedRebuilds => Volatile.Read(ref _prunedRebuilds);

    /// <summary>The last change-log number the graph reflects (-1 before the first load).</summary>
    public long AppliedSequence => Interlocked.Read(ref _applied);

    /// <summary>Entries committed (as far as this process knows) that the graph does not reflect yet; 0 before the first load.</summary>
    public long Lag => AppliedSequence < 0 ? 0 : Math.Max(0, _feed.LastCommitted - AppliedSequence);

    /// <summary>The current snapshot, brought up to date first.</summary>
    public async Task<LineageSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Readers that queued behind the one catching up find it done (one store read per second, not one per reader).
            if (Current() is { } caughtUp)
            {
                return caughtUp;
            }

            await CatchUpLockedAsync(cancellationToken);
            if (_current is null || _dirty)
            {
                _current = LineageSnapshot.Build(_incoming!.Values.SelectMany(e => e), AppliedSequence);
                Volatile.Write(ref _dirty, false);
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies every committed lineage change the graph lacks (the snapshot itself is rebuilt by the next read).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The snapshot when nothing is known to be missing from it and the once-a-second look at the log is not due; else null.</summary>
    private LineageSnapshot? Current()
    {
        var current = _current;
        return current is not null && !Volatile.Read(ref _dirty) && _feed.LastCommitted <= AppliedSequence && !HeadCheckDue() ? current : null;
    }

    private bool HeadCheckDue() => Environment.TickCount64 - Interlocked.Read(ref _lastHeadCheck) >= (long)HeadPoll.TotalMilliseconds;

    private async Task CatchUpLockedAsync(CancellationToken cancellationToken)
    {
        if (_incoming is null)
        {
            // Read before the edges: changes committed while they stream are replayed (replaying an entry is harmless).
            var head = await _changeLog.GetHeadAsync(cancellationToken);
            var incoming = new Dictionary<string, List<LineageEdge>>(StringComparer.Ordinal);
            await foreach (var edge in _store.StreamLineageEdgesAsync(cancellationToken))
            {
                var shared = Shared(edge);
                if (!incoming.TryGetValue(shared.DownstreamUrn, out var list))
                {
                    incoming[shared.DownstreamUrn] = list = [];
                }

                list.Add(shared);
            }

            _incoming = incoming.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
            Interlocked.Exchange(ref _applied, head);
            Volatile.Write(ref _dirty, true);
        }

        Interlocked.Exchange(ref _lastHeadCheck, Environment.TickCount64);
        while (true)
        {
            IReadOnlyList<ChangeLogEntry> entries;
            try
            {
                entries = await _changeLog.ReadAfterAsync(AppliedSequence, BatchSize, cancellationToken);
            }
            catch (ChangeLogPrunedException)
            {
                // Entries this graph never applied are gone (this process was cut off longer than the retention): load
                // every edge again, as at start-up.
                _incoming = null;
                Interlocked.Increment(ref _prunedRebuilds);
                await CatchUpLockedAsync(cancellationToken);
                return;
            }
            if (entries.Count == 0)
            {
                return;
            }

            var downstreams = entries.Where(e => e.Kind == ChangeKinds.Lineage).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            if (downstreams.Count > 0)
            {
                var edges = await _store.GetEdgesIntoManyAsync(downstreams, cancellationToken);
                foreach (var downstream in downstreams)
                {
                    if (edges.TryGetValue(downstream, out var into) && into.Count > 0)
                    {
                        _incoming![downstream] = [.. into.Select(Shared)];
                    }
                    else
                    {
                        _incoming!.Remove(downstream);
                    }
                }

                Volatile.Write(ref _dirty, true);
            }

            Interlocked.Exchange(ref _applied, entries[^1].Sequence);
            if (entries.Count < BatchSize)
            {
                return;
            }
        }
    }

    /// <summary>One string instance per URN: a million edges name far fewer datasets.</summary>
    private LineageEdge Shared(LineageEdge edge)
    {
        var up = Name(edge.UpstreamUrn);
        var down = Name(edge.DownstreamUrn);
        return ReferenceEquals(up, edge.UpstreamUrn) && ReferenceEquals(down, edge.DownstreamUrn) ? edge : edge with { UpstreamUrn = up, DownstreamUrn = down };
    }

    private string Name(string urn)
    {
        if (_names.TryGetValue(urn, out var shared))
        {
            return shared;
        }

        _names[urn] = urn;
        return urn;
    }

    public void Dispose() => _gate.Dispose();
}
