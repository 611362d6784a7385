using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TownLake.Search.Ranking;

namespace TownLake.Search.Tests.Ranking;

public class LinkedMembersTests
{
    private static readonly Term Group = new("g", "sales");

    [Fact]
    public void Tables_of_the_group_with_two_links_come_best_linked_first_from_every_segment()
    {
        using var index = new LinkIndex();
        index.AddSegment(("a", "sales", ["x", "y", "z"]), ("b", "sales", ["x"]), ("c", "sales", ["x", "y"]));
        index.AddSegment(("d", "sales", ["y", "z"]), ("e", "hr", ["x", "y", "z"]), ("f", "sales", ["w", "x", "y", "z"]));
        using var reader = index.Open();

        var found = LinkedMembers.Find(reader, Group, Links("x", "y", "z", "w"), filter: null, max: 10);

        Assert.Equal(["f", "a", "c", "d"], found.Select(doc => Id(reader, doc)));
    }

    [Fact]
    public void The_limit_keeps_the_best_linked_and_the_earliest_of_equals()
    {
        using var index = new LinkIndex();
        index.AddSegment(("a", "sales", ["x", "y"]), ("b", "sales", ["x", "y", "z"]));
        index.AddSegment(("c", "sales", ["x", "y"]));
        using var reader = index.Open();

        var found = LinkedMembers.Find(reader, Group, Links("x", "y", "z"), filter: null, max: 2);

        Assert.Equal(["b", "a"], found.Select(doc => Id(reader, doc)));
    }

    [Fact]
    public void Deleted_and_filtered_out_tables_are_not_found()
    {
        using var index = new LinkIndex();
        index.AddSegment(("a", "sales", ["x", "y"]), ("b", "sales", ["x", "y"]), ("c", "sales", ["x", "y"]));
        index.Delete("b");
        using var reader = index.Open();
        var notC = new QueryWrapperFilter(new BooleanQuery { { new MatchAllDocsQuery(), Occur.MUST }, { new TermQuery(new Term("id", "c")), Occur.MUST_NOT } });

        var found = LinkedMembers.Find(reader, Group, Links("x", "y"), notC, max: 10);

        Assert.Equal(["a"], found.Select(doc => Id(reader, doc)));
    }

    private static Term[] Links(params string[] values) => values.Select(value => new Term("l", value)).ToArray();

    private static string Id(IndexReader reader, int doc) => reader.Document(doc).Get("id");

    /// <summary>A tiny index with one segment per <see cref="AddSegment"/> call.</summary>
    private sealed class LinkIndex : IDisposable
    {
        private readonly RAMDirectory _directory = new();
        private readonly IndexWriter _writer;

        public LinkIndex() =>
            _writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()) { MergePolicy = NoMergePolicy.NO_COMPOUND_FILES });

        public void AddSegment(params (string Id, string Group, string[] Links)[] tables)
        {
            foreach (var (id, group, links) in tables)
            {
                var document = new Document { new StringField("id", id, Field.Store.YES), new StringField("g", group, Field.Store.NO) };
                foreach (var link in links)
                {
                    document.Add(new StringField("l", link, Field.Store.NO));
                }

                _writer.AddDocument(document);
            }

            _writer.Commit();
        }

        public void Delete(string id)
        {
            _writer.DeleteDocuments(new Term("id", id));
            _writer.Commit();
        }

        public DirectoryReader Open() => DirectoryReader.Open(_directory);

        public void Dispose()
        {
            _writer.Dispose();
            _directory.Dispose();
        }
    }
}
