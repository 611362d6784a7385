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
/// one searcher. Open it with <see cref="OpenAsync"/>, which rebuilds a missing, corrupt or outdated index.
/// </summary>
public sealed partial class SearchIndex : IAsyncDisposable, IDisposable
{
    private readonly SearchIndexOptions _options;
    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SchemaAnalyzer _indexAnalyzer;
    private readonly SchemaAnalyzer _queryAnalyzer;
    private readonly QuestionQueryBuilder _queryBuilder;
    private readonly JoinAwareReranker _reranker;
    private readonly SegmentValues _segmentValues = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _backgroundLoop;
    private readonly System.Threading.Lock _commitLock = new();
    private volatile GlossaryExpander _glossary = GlossaryExpander.Empty;
    private int _dirty;
    private int _uncommitted;
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private int _rebuilding;
    private int _disposed;

    private SearchIndex(SearchIndexOptions options, LuceneDirectory directory, IndexWriter writer, SchemaAnalyzer indexAnalyzer, IndexOpenOutcome outcome)
    {
        _options = options;
        _directory = directory;
        _writer = writer;
        _indexAnalyzer = indexAnalyzer;
        _queryAnalyzer = SchemaAnalyzer.ForQueries();
        _queryBuilder = new QuestionQueryBuilder(_queryAnalyzer);
        _reranker = new JoinAwareReranker(options.Rerank, _segmentValues);
        _searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory());
        OpenOutcome = outcome;
        _backgroundLoop = Task.Run(() => RefreshAndCommitLoopAsync(_stopping.Token));
    }

    /// <summary>What opening found: an existing index, or why it was (re)built.</summary>
    public IndexOpenOutcome OpenOutcome { get; }

    /// <summary>The last error of the background refresh/commit loop, if any (the loop keeps running).</summary>
    public Exception? LastBackgroundError { get; private set; }

    /// <summary>
    /// Opens the index, or builds it from <paramref name="loadAll"/> when it is missing, unreadable or of
    /// another format version. <paramref name="loadAll"/> is only called when a build is needed.
    /// </summary>
    public static async Task<SearchIndex> OpenAsync(
        SearchIndexOptions options,
        Func<CancellationToken, IAsyncEnumerable<SearchDocument>> loadAll,
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
            var outcome = Inspect(directory);
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
                Commit(writer);
            }

            return new SearchIndex(options, directory, writer, analyzer, outcome);
        }
        catch
        {
            writer?.Dispose();
            directory.Dispose();
            throw;
        }
    }

    private static IndexOpenOutcome Inspect(LuceneDirectory directory)
    {
        try
        {
            if (!DirectoryReader.IndexExists(directory))
            {
                return directory.ListAll().Length == 0 ? IndexOpenOutcome.BuiltMissing : IndexOpenOutcome.RebuiltCorrupt;
            }

            using var reader = DirectoryReader.Open(directory);
            return reader.IndexCommit.UserData.TryGetValue(IndexFormat.VersionKey, out var version) && version == IndexFormat.CurrentVersion
                ? IndexOpenOutcome.OpenedExisting
                : IndexOpenOutcome.RebuiltOutdated;
        }
        catch (Exception error) when (error is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or InvalidDataException)
        {
            return IndexOpenOutcome.RebuiltCorrupt;
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

    private static void Commit(IndexWriter writer)
    {
        writer.SetCommitData(new Dictionary<string, string> { [IndexFormat.VersionKey] = IndexFormat.CurrentVersion });
        writer.Commit();
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
                Commit(_writer);
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
            _backgroundLoop.Wait();
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
