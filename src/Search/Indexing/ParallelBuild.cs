using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Lucene.Net.Index;
using Lucene.Net.Store;
using TownLake.Search.Documents;
using TownLake.Search.Ranking;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace TownLake.Search.Indexing;

/// <summary>
/// Fills an empty index from scratch on every core: each core indexes into a writer and directory of its own, the
/// part writers flush and commit side by side, and the parts are then copied into the target writer.
/// </summary>
/// <remarks>
/// One shared <see cref="IndexWriter"/> analyses documents on every thread but flushes its per-thread buffers one
/// after the other on the thread that commits: on two cores that serial flush was over 40% of a 100,000-dataset
/// build. Copying finished segments (<see cref="IndexWriter.AddIndexes(LuceneDirectory[])"/>) is file I/O only.
/// Only for an index nobody else writes to yet: a document written to the target meanwhile would not be replaced.
/// </remarks>
internal sealed class ParallelBuild
{
    private readonly Func<IndexWriterConfig> _config;
    private readonly string? _scratchPath;
    private readonly SignalWeights _signals;

    /// <param name="config">A fresh configuration for each part writer, in create mode (a configuration cannot be shared by writers).</param>
    /// <param name="scratchPath">Directory for the parts on disk, deleted afterwards; null keeps them in memory.</param>
    /// <param name="signals">The signal weights written into each document.</param>
    public ParallelBuild(Func<IndexWriterConfig> config, string? scratchPath, SignalWeights signals)
    {
        _config = config;
        _scratchPath = scratchPath;
        _signals = signals;
    }

    public async Task IntoAsync(IndexWriter target, IAsyncEnumerable<SearchDocument> documents, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, Environment.ProcessorCount);
        DeleteScratch();
        var directories = new List<LuceneDirectory>();
        try
        {
            for (var part = 0; part < workers; part++)
            {
                directories.Add(_scratchPath is null
                    ? new RAMDirectory()
                    : new NIOFSDirectory(System.IO.Directory.CreateDirectory(Path.Combine(_scratchPath, part.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }

            var chunks = Channel.CreateBounded<SearchDocument[]>(new BoundedChannelOptions(workers * 4) { SingleWriter = true });
            var parts = directories.Select(directory => Task.Run(() => IndexPartAsync(directory, chunks, cancellationToken), cancellationToken)).ToList();
            Exception? readError = null;
            try
            {
                await foreach (var chunk in documents.Chunk(SearchIndex.IndexingChunk).WithCancellation(cancellationToken))
                {
                    await chunks.Writer.WriteAsync(chunk, cancellationToken);
                }
            }
            catch (Exception error)
            {
                readError = error;
            }

            chunks.Writer.TryComplete(readError);

            // Never leave a part writer running against directories about to be deleted.
            await Task.WhenAll(parts).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ThrowFirstCause(readError, parts);
            cancellationToken.ThrowIfCancellationRequested();
            target.AddIndexes([.. directories]);
        }
        finally
        {
            foreach (var directory in directories)
            {
                directory.Dispose();
            }

            DeleteScratch();
        }
    }

    private async Task IndexPartAsync(LuceneDirectory directory, Channel<SearchDocument[]> chunks, CancellationToken cancellationToken)
    {
        try
        {
            using var writer = new IndexWriter(directory, _config());
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                writer.AddDocuments(chunk.Select(document => DocumentMapper.ToLucene(document, _signals)).ToList());
            }

            // The flush this commit does is the point of the whole class: it runs on this part's own core.
            writer.Commit();
        }
        catch (Exception error)
        {
            // Stops the producer too (its next write throws) instead of letting it wait on a full channel forever.
            chunks.Writer.TryComplete(error);
            throw;
        }
    }

    /// <summary>The store's error, else a part's (a failed part closes the channel, which the reader then sees).</summary>
    private static void ThrowFirstCause(Exception? readError, IEnumerable<Task> parts)
    {
        if (readError is not null and not ChannelClosedException)
        {
            ExceptionDispatchInfo.Throw(readError);
        }

        if (parts.FirstOrDefault(part => part.IsFaulted)?.Exception?.InnerException is { } partError)
        {
            ExceptionDispatchInfo.Throw(partError);
        }

        if (readError is not null)
        {
            ExceptionDispatchInfo.Throw(readError);
        }
    }

    private void DeleteScratch()
    {
        if (_scratchPath is not null && System.IO.Directory.Exists(_scratchPath))
        {
            System.IO.Directory.Delete(_scratchPath, recursive: true);
        }
    }
}
