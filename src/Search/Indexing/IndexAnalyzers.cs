using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using TownLake.Search.Analysis;

namespace TownLake.Search.Indexing;

/// <summary>The writer's analyzer: schema analysis for text fields, the whole value as one term for keyword fields.</summary>
internal static class IndexAnalyzers
{
    public static Analyzer Create(SchemaAnalyzer text)
    {
        var keywordFields = new Dictionary<string, Analyzer>
        {
            [IndexFields.Urn] = new KeywordAnalyzer(),
            [IndexFields.Keywords] = Analyzer.NewAnonymous((_, reader) => new TokenStreamComponents(new LineTokenizer(reader))),
            [IndexFields.NameWords] = Analyzer.NewAnonymous((_, reader) => new TokenStreamComponents(new NameWordTokenizer(reader))),
        };
        return new PerFieldAnalyzerWrapper(text, keywordFields);
    }
}
