using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace TownLake.Search.Analysis;

/// <summary>
/// Words removed from free-text queries: English function words plus the words people use to
/// phrase a question ("show me", "how many"), which say nothing about which table holds the answer.
/// </summary>
public static class QueryStopWords
{
    private static readonly string[] Words =
    [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "down", "during", "each", "every", "few", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
        "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself",
        "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own",
        "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
        "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with",
        "would", "you", "your", "yours", "yourself", "yourselves",
        "show", "list", "give", "find", "return", "display", "tell", "get", "many", "much", "also", "please",
        "different", "distinct", "corresponding", "respectively", "along", "whether", "there", "s",
    ];

    /// <summary>A fresh case-insensitive set (Lucene sets are mutable, so each analyzer gets its own).</summary>
    public static CharArraySet Create() => new(LuceneVersion.LUCENE_48, Words, ignoreCase: true);
}
