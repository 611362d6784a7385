using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TownLake.Search.Analysis;
using TownLake.Search.Documents;
using TownLake.Search.Retrieval;
using TownLake.Search.Ranking;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace TownLake.Search.Indexing;

/// <summary>
/// The search index: one Lucene index (on disk or in memory) kept in step with the caller's store.
/// Writes become searchable within <see cref="SearchIndexOptions.RefreshInterval"/>; all queries share
/// one searcher. Open it with <c>OpenAsync</c>, which rebuilds a missing, corrupt or outdated index.
/// </summary>
public sealed partial class SearchIndex : IAsyncDisposable, IDisposable
{
    private readonly SearchIndexOptions _options;
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SchemaAnalyzer _indexAnalyzer;
    private readonly SchemaAnalyzer _queryAnalyzer;
    private readonly SpellingSuggester _spelling;
    private readonly QuestionQueryBuilder _queryBuilder;
    private readonly JoinAwareReranker _reranker;
    private readonly SegmentValues _segmentValues = new();
    private readonly FilterCache _filters = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _backgroundLoop;
    private readonly Task _openWarmUp;
    private readonly System.Threading.Lock _commitLock = new();
    private volatile GlossaryExpander _glossary = GlossaryExpander.Empty;
    private int _dirty;
    private int _uncommitted;
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private int _rebuilding;
    private int _disposed;
    private long _checkpoint;

    private SearchIndex(SearchIndexOptions options, LuceneDirectory directory, IndexWriter writer, SchemaAnalyzer indexAnalyzer, IndexOpenOutcome outcome, long? checkpoint)
    {
        _checkpoint = checkpoint ?? 0;
        CommittedCheckpoint = checkpoint;
        _options = options;
        _directory = directory;
        _writer = writer;
        _indexAnalyzer = indexAnalyzer;
        _queryAnalyzer = SchemaAnalyzer.ForQueries();
        var commonWords = new CommonWords(options.CommonWordShare, options.CommonWordMinDocs);
        _queryBuilder = new QuestionQueryBuilder(_queryAnalyzer, commonWords);
        _spelling = new SpellingSuggester(_queryAnalyzer);
        _reranker = new JoinAwareReranker(options.Rerank, _segmentValues);
        var warmer = new CommonWordWarmer(_commonWordStats, commonWords, error => LastBackgroundError = error, _stopping.Token);
        writer.Config.MergedSegmentWarmer = warmer;
        _searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
        OpenOutcome = outcome;
        _backgroundLoop = Task.Run(() => RefreshAndCommitLoopAsync(_stopping.Token));
        _openWarmUp = Task.Run(() => WarmOpenSegments(warmer));
    }

    /// <summary>What opening found: an existing index, or why it was (re)built.</summary>
    public IndexOpenOutcome OpenOutcome { get; }

    /// <summary>The checkpoint the index's last durable commit recorded when it was opened (null when it recorded none).</summary>
    public long? CommittedCheckpoint { get; private set; }

    /// <summary>
    /// The caller's position in its own change stream that every write so far reflects; each commit records it, so a
    /// crash loses at most the writes after the last commit and the caller replays them from
    /// <see cref="CommittedCheckpoint"/>. Set it only after the writes it covers were made (a commit may then hold
    /// more than its checkpoint says, never less, and replaying a write is harmless).
    /// </summary>
    public long Checkpoint
    {
        get => Interlocked.Read(ref _checkpoint);
        set
        {
            Interlocked.Exchange(ref _checkpoint, value);
            Volatile.Write(ref _uncommitted, 1);
        }
    }

    /// <summary>
    /// Moves <see cref="Checkpoint"/> from <paramref name="from"/> to <paramref name="to"/> once the writes up to
    /// <paramref name="to"/> were made; false (and no move) when the index rewound meanwhile, after a failed flush.
    /// </summary>
    public bool TryAdvanceCheckpoint(long from, long to)
    {
        if (Interlocked.CompareExchange(ref _checkpoint, to, from) != from)
        {
            return false;
        }

        Volatile.Write(ref _uncommitted, 1);
        return true;
    }

    /// <summary>
    /// After a failed flush (a full disk) Lucene may have dropped writes it held in memory: going back to the last
    /// durable commit's checkpoint makes the caller replay them (replaying is harmless), so none is lost.
    /// </summary>
    private void RewindToCommitted(Exception error)
    {
        if (error is IOException)
        {
            Interlocked.Exchange(ref _checkpoint, CommittedCheckpoint ?? 0);
        }
    }

    /// <summary>The last error of the background refresh/commit loop, if any (the loop keeps running).</summary>
    public Exception? LastBackgroundError { get; private set; }

    /// <summary>
    /// Opens the index, or builds it from <paramref name="loadAll"/> when it is missing, unreadable or of
    /// another format version. <paramref name="loadAll"/> is only called when a build is needed.
    /// </summary>
    public static Task<SearchIndex> OpenAsync(
        SearchIndexOptions options,
        Func<CancellationToken, IAsyncEnumerable<SearchDocument>> loadAll,
        CancellationToken cancellationToken = default) => OpenAsync(options, loadAll, null, cancellationToken);

    /// <summary>As <see cref="OpenAsync(SearchIndexOptions, Func{CancellationToken, IAsyncEnumerable{SearchDocument}}, CancellationToken)"/>, recording the caller's checkpoint in a build's commit.</summary>
    /// <param name="options">Where and how.</param>
    /// <param name="loadAll">Every document of the caller's store, for a build.</param>
    /// <param name="checkpointOfBuild">The caller's checkpoint a build reflects, asked once <paramref name="loadAll"/> was read (see <see cref="Checkpoint"/>).</param>
    /// <param name="cancellationToken">Cancels the open (and a build).</param>
    public static async Task<SearchIndex> OpenAsync(
        SearchIndexOptions options,
        Func<CancellationToken, IAsyncEnumerable<SearchDocument>> loadAll,
        Func<long>? checkpointOfBuild,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loadAll);
        options.Validate();

        // NIOFSDirectory, not FSDirectory.Open's MMapDirectory: Lucene.Net's memory-mapped inputs register every clone (each
        // term and postings enumerator of every query) in a ConditionalWeakTable, whose finalizer churn kept the finalizer
        // thread busy and made p99 latency several times p50 on two cores; positional reads from the OS cache do not.
        LuceneDirectory directory = options.DirectoryPath is null
            ? new RAMDirectory()
            : new NIOFSDirectory(System.IO.Directory.CreateDirectory(options.DirectoryPath));
        IndexWriter? writer = null;
        try
        {
            var (outcome, checkpoint) = Inspect(directory, options.RequireCheckpoint);
            if (outcome == IndexOpenOutcome.RebuiltCorrupt)
            {
                WipeFiles(directory);
            }

            var analyzer = SchemaAnalyzer.ForIndexing();
            var fields = IndexAnalyzers.Create(analyzer);
            writer = new IndexWriter(directory, WriterConfig(options, fields, outcome == IndexOpenOutcome.OpenedExisting ? OpenMode.APPEND : OpenMode.CREATE));
            if (outcome != IndexOpenOutcome.OpenedExisting)
            {
                var scratch = options.DirectoryPath is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DirectoryPath)) + ".building";
                await new ParallelBuild(() => WriterConfig(options, fields, OpenMode.CREATE), scratch, options.Signals).IntoAsync(writer, loadAll(cancellationToken), cancellationToken);
                checkpoint = checkpointOfBuild?.Invoke() ?? 0;
                Commit(writer, checkpoint.Value);
            }

            return new SearchIndex(options, directory, writer, analyzer, outcome, checkpoint);
        }
        catch
        {
            writer?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    private static (IndexOpenOutcome Outcome, long? Checkpoint) Inspect(LuceneDirectory directory, bool requireCheckpoint)
    {
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                return (directory.ListAll().Length == 0 ? IndexOpenOutcome.BuiltMissing : IndexOpenOutcome.RebuiltCorrupt, null);
            }

            // The last complete commit: segments a crash left half-written after it are not part of it, and the writer
            // opened over it deletes them.
            using var reader = DirectoryReader.Open(directory);
            var data = reader.IndexCommit.UserData;
            if (!data.TryGetValue(IndexFormat.VersionKey, out var version) || version != IndexFormat.CurrentVersion)
            {
                return (IndexOpenOutcome.RebuiltOutdated, null);
            }

            long? checkpoint = data.TryGetValue(IndexFormat.CheckpointKey, out var text) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
            // Without a checkpoint nobody knows which writes the index missed: only a build is safe.
            return requireCheckpoint && checkpoint is null ? (IndexOpenOutcome.RebuiltOutdated, null) : (IndexOpenOutcome.OpenedExisting, checkpoint);
        }
        catch (Exception error) when (error is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or InvalidDataException)
        {
            return (IndexOpenOutcome.RebuiltCorrupt, null);
        }
    }

    private static void WipeFiles(LuceneDirectory directory)
    {
        foreach (var file in directory.ListAll())
        {
            directory.DeleteFile(file);
        }
    }

    private static IndexWriterConfig WriterConfig(SearchIndexOptions options, Lucene.Net.Analysis.Analyzer analyzer, OpenMode mode) =>
        new(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = mode,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = options.RamBufferSizeMb,

            // Compound files are rewritten copies of each new segment: skip the copy, the index has few segments.
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
        };

    private static void Commit(IndexWriter writer, long checkpoint)
    {
        writer.SetCommitData(new Dictionary<string, string>
        {
            [IndexFormat.VersionKey] = IndexFormat.CurrentVersion,
            [IndexFormat.CheckpointKey] = checkpoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        writer.Commit();
    }

    /// <summary>Commits every write so far with the checkpoint read before the commit (so it never claims more than was written).</summary>
    private void CommitWithCheckpoint()
    {
        var checkpoint = Checkpoint;
        Commit(_writer, checkpoint);
        CommittedCheckpoint = checkpoint;
    }

    private async Task RefreshAndCommitLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval);
        var lastCommit = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    if (Volatile.Read(ref _rebuilding) != 0)
                    {
                        continue;
                    }

                    // Not current without new writes too: merges the writer finished after the last refresh are picked up,
                    // so searches stop reading (and the disk stops holding) the segments they replaced.
                    if (Interlocked.Exchange(ref _dirty, 0) == 1 || !_searchers.IsSearcherCurrent())
                    {
                        _searchers.MaybeRefreshBlocking();
                    }

                    MaybeStartIdleMerge();

                    if (Volatile.Read(ref _uncommitted) == 1 && Stopwatch.GetElapsedTime(lastCommit) >= _options.CommitInterval)
                    {
                        CommitPending();
                        lastCommit = Stopwatch.GetTimestamp();
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The loop must outlive one failed refresh (e.g. a full disk); the next tick retries.
                    LastBackgroundError = error;
                    RewindToCommitted(error);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void CommitPending()
    {
        lock (_commitLock)
        {
            if (Interlocked.Exchange(ref _uncommitted, 0) == 1)
            {
                try
                {
                    CommitWithCheckpoint();
                }
                catch (Exception error)
                {
                    // e.g. a full disk: the last good commit stays the one a restart opens, and the next tick retries.
                    Volatile.Write(ref _uncommitted, 1);
                    RewindToCommitted(error);
                    throw;
                }
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            Task.WaitAll(_backgroundLoop, _openWarmUp);
        }
        catch (AggregateException)
        {
        }

        WaitForIdleMerge();

        try
        {
            if (Volatile.Read(ref _rebuilding) == 0)
            {
                CommitPending();
            }
        }
        finally
        {
            _searchers.Dispose();
            _writer.Dispose();
            _directory.Dispose();
            _indexAnalyzer.Dispose();
            _queryAnalyzer.Dispose();
            _stopping.Dispose();
            _rebuildGate.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);

    /// <summary>Every searcher scores with BM25, the same similarity the writer uses.</summary>
    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
