using Lucene.Net.Index;

namespace TownLake.Search.Indexing;

/// <summary>
/// Exact-match terms (facet values, schema group, join facts, name prefixes) all live in one field as
/// "<c>field␟value</c>", written as one newline-separated value per document: Lucene.Net pays a fixed cost per
/// field instance, and a dataset has a dozen or more of these.
/// </summary>
internal static class KeywordTerms
{
    private const char Separator = '\u001F';

    public static string Text(string field, string value) => field + Separator + value.Replace('\n', ' ');

    public static Term Term(string field, string value) => new(IndexFields.Keywords, Text(field, value));

    /// <summary>A join fact ("k:&lt;key&gt;", "t:&lt;stem&gt;", "u:&lt;urn&gt;") scoped to its schema group, so a lookup reads that group's tables only.</summary>
    public static string JoinText(string group, string fact) => Text(IndexFields.JoinTerms, group + Separator + fact);

    public static Term JoinTerm(string group, string fact) => new(IndexFields.Keywords, JoinText(group, fact));
}
