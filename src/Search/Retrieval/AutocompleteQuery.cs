using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;
using TownLake.Search.Analysis;
using TownLake.Search.Indexing;

namespace TownLake.Search.Retrieval;

/// <summary>
/// What autocomplete matches: a prefix of the full name (<c>wh.sales.</c>), or of the words of the table name starting
/// at any word (<c>fct_bil</c>, <c>billings</c>, <c>billings_al</c> all complete <c>fct_billings_allocated</c>).
/// </summary>
/// <remarks>
/// Word starts are matched on the table name's words indexed with positions (shared by many tables), not on one
/// indexed term per word start (unique to each table): unique terms are what a Lucene flush spends its time on, and
/// those suffix terms were a quarter of the cost of a bulk build.
/// </remarks>
internal static class AutocompleteQuery
{
    /// <summary>Most words the last, unfinished word of a multi-word prefix expands to.</summary>
    private const int MaxLastWordExpansions = 256;

    /// <param name="prefix">Lowercased, trimmed, not empty.</param>
    public static Query For(string prefix)
    {
        var any = new BooleanQuery
        {
            { new PrefixQuery(KeywordTerms.Term(IndexFields.Suggest, prefix)), Occur.SHOULD },
        };

        var words = prefix.Split(NameWordTokenizer.Separator, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1)
        {
            any.Add(new PrefixQuery(new Term(IndexFields.NameWords, words[0])), Occur.SHOULD);
        }
        else if (words.Length > 1)
        {
            var lastWord = new SpanMultiTermQueryWrapper<PrefixQuery>(new PrefixQuery(new Term(IndexFields.NameWords, words[^1])))
            {
                MultiTermRewriteMethod = new SpanMultiTermQueryWrapper<PrefixQuery>.TopTermsSpanBooleanQueryRewrite(MaxLastWordExpansions),
            };
            var sequence = words[..^1].Select(word => (SpanQuery)new SpanTermQuery(new Term(IndexFields.NameWords, word))).Append(lastWord);
            any.Add(new SpanNearQuery([.. sequence], slop: 0, inOrder: true), Occur.SHOULD);
        }

        return new ConstantScoreQuery(any);
    }
}
