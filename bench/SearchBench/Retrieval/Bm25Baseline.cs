using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace TownLake.SearchBench.Retrieval;

/// <summary>
/// The README's plain BM25 baseline (k1=1.2, b=0.75): one document per table made of its name and column
/// names split on '_' and camelCase, lowercased, English stop words removed, no stemming.
/// </summary>
internal sealed class Bm25Baseline : IRetrievalSystem
{
    private const string Text = "text";
    private const string Key = "key";
    private readonly RAMDirectory _directory = new();
    private readonly PlainAnalyzer _analyzer = new();
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;

    public string Name => "Plain BM25 baseline";

    public Task LoadAsync(RetrievalSet set, CancellationToken cancellationToken)
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { Similarity = new BM25Similarity(1.2f, 0.75f) };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var database in set.Databases)
            {
                foreach (var table in database.Tables)
                {
                    var text = string.Join(' ', new[] { table.Name }.Concat(table.Columns.Select(column => column.Name)));
                    writer.AddDocument(new Document
                    {
                        new StringField(Key, RetrievalSet.TableKey(database.DbId, table.Name), Field.Store.YES),
                        new TextField(Text, text, Field.Store.NO),
                    });
                }
            }
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity(1.2f, 0.75f) };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> RankTablesAsync(string question, int count, CancellationToken cancellationToken)
    {
        var searcher = _searcher ?? throw new InvalidOperationException("Load the retrieval set first.");
        var query = new BooleanQuery();
        using (var stream = _analyzer.GetTokenStream(Text, question))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                query.Add(new TermQuery(new Term(Text, term.ToString())), Occur.SHOULD);
            }

            stream.End();
        }

        IReadOnlyList<string> keys = searcher.Search(query, count).ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get(Key)).ToList();
        return Task.FromResult(keys);
    }

    public ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Whitespace, then split on '_', punctuation and case changes; lowercase; English stop words.</summary>
    private sealed class PlainAnalyzer : Analyzer
    {
        // The common NLTK English list (what "English stop words" usually means in retrieval papers).
        private static readonly string[] StopWords = "i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself yourselves he him his himself she she's her hers herself it it's its itself they them their theirs themselves what which who whom this that that'll these those am is are was were be been being have has had having do does did doing a an the and but if or because as until while of at by for with about against between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don don't should should've now d ll m o re ve y ain aren aren't couldn couldn't didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn mightn't mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't wouldn wouldn't".Split(' ');

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new WhitespaceTokenizer(LuceneVersion.LUCENE_48, reader);
            TokenStream stream = new WordDelimiterFilter(
                LuceneVersion.LUCENE_48,
                tokenizer,
                WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS | WordDelimiterFlags.SPLIT_ON_CASE_CHANGE,
                null);
            stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
            stream = new StopFilter(LuceneVersion.LUCENE_48, stream, new CharArraySet(LuceneVersion.LUCENE_48, StopWords, ignoreCase: true));
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
