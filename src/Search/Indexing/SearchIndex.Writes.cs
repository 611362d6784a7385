using System.Diagnostics;
using Lucene.Net.Index;
using TownLake.Search.Documents;
using TownLake.Search.Ranking;
using TownLake.Search.Retrieval;

namespace TownLake.Search.Indexing;

public sealed partial class SearchIndex
{
    /// <summary>Adds or replaces the document with this URN; searchable within the refresh interval.</summary>
    public Task UpsertAsync(SearchDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        _writer.UpdateDocument(new Term(IndexFields.Urn, document.Urn), DocumentMapper.ToLucene(document, _options.Signals));
        MarkChanged();
        return Task.CompletedTask;
    }

    /// <summary>Adds or replaces many documents, using every core.</summary>
    public async Task UpsertManyAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ThrowIfDisposed();
        await UpdateAllAsync(_writer, _options.Signals, documents, cancellationToken);
        MarkChanged();
    }

    /// <summary>Removes the document with this URN (no error when it is absent).</summary>
    public Task DeleteAsync(string urn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urn);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        _writer.DeleteDocuments(new Term(IndexFields.Urn, urn));
        MarkChanged();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Replaces the whole index with <paramref name="documents"/> (the caller's store is the source of truth).
    /// Searches keep seeing the previous contents until the rebuild has finished; if it fails, they keep
    /// seeing them until a later rebuild succeeds.
    /// </summary>
    public async Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ThrowIfDisposed();
        if (!await _rebuildGate.WaitAsync(0, cancellationToken))
        {
            throw new InvalidOperationException("A rebuild of the search index is already running; wait for it to finish.");
        }

        try
        {
            // Stays set if the rebuild fails, so searches keep the last complete snapshot.
            await StopIdleMergesAsync();
            _writer.DeleteAll();
            await UpdateAllAsync(_writer, _options.Signals, documents, cancellationToken);
            lock (_commitLock)
            {
                CommitWithCheckpoint();
                Interlocked.Exchange(ref _uncommitted, 0);
            }

            _searchers.MaybeRefreshBlocking();
            Volatile.Write(ref _rebuilding, 0);
        }
        finally
        {
            _rebuildGate.Release();
        }
    }

    /// <summary>Makes every write so far searchable now, instead of at the next refresh tick.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (Volatile.Read(ref _rebuilding) == 1)
        {
            return Task.CompletedTask;
        }

        return Task.Run(
            () =>
            {
                Interlocked.Exchange(ref _dirty, 0);
                try
                {
                    _searchers.MaybeRefreshBlocking();
                }
                catch (Exception error)
                {
                    Volatile.Write(ref _dirty, 1);
                    RewindToCommitted(error);
                    throw;
                }
            },
            cancellationToken);
    }

    /// <summary>Makes every write so far durable on disk.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return Task.Run(CommitPending, cancellationToken);
    }

    /// <summary>Replaces the glossary whose synonyms expand queries; takes effect for the next search.</summary>
    public void SetGlossary(IEnumerable<GlossaryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _glossary = new GlossaryExpander(entries, _queryAnalyzer);
    }

    private void MarkChanged()
    {
        Volatile.Write(ref _lastWrite, Stopwatch.GetTimestamp());
        Volatile.Write(ref _writtenSinceIdleMerge, 1);
        Volatile.Write(ref _dirty, 1);
        Volatile.Write(ref _uncommitted, 1);
    }

    /// <summary>
    /// Documents per unit of work handed to one indexing thread, here and in <see cref="ParallelBuild"/> (where one
    /// AddDocuments call takes a chunk, so the writer's per-thread state is acquired once per chunk, not per document).
    /// </summary>
    internal const int IndexingChunk = 256;

    /// <summary>Adds or replaces documents in the live writer from every core (a fresh build uses <see cref="ParallelBuild"/>).</summary>
    private static async Task UpdateAllAsync(IndexWriter writer, SignalWeights signals, IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(documents.Chunk(IndexingChunk), parallel, (chunk, _) =>
        {
            foreach (var document in chunk)
            {
                // Atomic per document: a search never sees the document missing or twice.
                writer.UpdateDocument(new Term(IndexFields.Urn, document.Urn), DocumentMapper.ToLucene(document, signals));
            }

            return ValueTask.CompletedTask;
        });
    }
}
