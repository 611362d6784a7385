using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace TownLake.Search.Analysis;

/// <summary>
/// Splits a table name into its lowercased words at underscores and nothing else (<c>fct_Billings_allocated</c> →
/// fct, billings, allocated), without stemming: autocomplete matches what the user is typing letter for letter.
/// </summary>
public sealed class NameWordTokenizer(TextReader input) : CharTokenizer(LuceneVersion.LUCENE_48, input)
{
    /// <summary>The character that separates words; runs of it count as one separator.</summary>
    public const char Separator = '_';

    protected override bool IsTokenChar(int c) => c != Separator;

    protected override int Normalize(int c) => c <= char.MaxValue ? char.ToLowerInvariant((char)c) : c;
}
