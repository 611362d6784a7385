using Lucene.Net.Index;
using Lucene.Net.Search;

namespace TownLake.Search.Ranking;

/// <summary>
/// Finds the tables of one schema group that carry at least two of the given join terms, best-linked first
/// (ties by document id), as a query of one constant-score clause per term and a minimum of two would, but with one
/// terms enumerator per segment walking the terms in sorted order.
/// </summary>
/// <remarks>
/// A query of hundreds of term clauses builds each term's context in every segment with a fresh enumerator, and each
/// of those reads a terms-dictionary block from the file: that cost is per segment whatever its size, so an index
/// grown by many small flushes paid it many times over (two thirds of a query's time at 7 segments). Sorted seeks on one
/// enumerator reuse the block already loaded.
/// </remarks>
internal static class LinkedMembers
{
    private const int MinimumLinks = 2;

    public static IReadOnlyList<int> Find(IndexReader reader, Term group, IEnumerable<Term> links, Filter? filter, int max)
    {
        var sorted = links.Distinct().Order().ToList();
        var found = new List<(int Doc, int Links)>();
        foreach (var leaf in reader.Leaves)
        {
            var counts = CountLinks(leaf.AtomicReader, sorted);
            var linked = counts.Where(pair => pair.Value >= MinimumLinks).Select(pair => pair.Key).Order().ToList();
            if (linked.Count == 0)
            {
                continue;
            }

            linked = Within(linked, Postings(leaf.AtomicReader, group));
            if (filter is not null)
            {
                linked = Within(linked, filter.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.GetIterator());
            }

            found.AddRange(linked.Select(doc => (leaf.DocBase + doc, counts[doc])));
        }

        return found.OrderByDescending(hit => hit.Links).ThenBy(hit => hit.Doc).Take(max).Select(hit => hit.Doc).ToList();
    }

    private static Dictionary<int, int> CountLinks(AtomicReader reader, List<Term> sorted)
    {
        var counts = new Dictionary<int, int>();
        string? field = null;
        TermsEnum? terms = null;
        DocsEnum? docs = null;
        foreach (var term in sorted)
        {
            if (!string.Equals(term.Field, field, StringComparison.Ordinal))
            {
                field = term.Field;
                terms = reader.GetTerms(field)?.GetEnumerator();
                docs = null;
            }

            if (terms is null || !terms.SeekExact(term.Bytes))
            {
                continue;
            }

            docs = terms.Docs(reader.LiveDocs, docs, DocsFlags.NONE);
            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                counts[doc] = counts.GetValueOrDefault(doc) + 1;
            }
        }

        return counts;
    }

    private static DocsEnum? Postings(AtomicReader reader, Term term)
    {
        var terms = reader.GetTerms(term.Field)?.GetEnumerator();
        return terms is not null && terms.SeekExact(term.Bytes) ? terms.Docs(reader.LiveDocs, null, DocsFlags.NONE) : null;
    }

    /// <summary>The documents of <paramref name="sortedDocs"/> that <paramref name="allowed"/> also holds (none when it is null).</summary>
    private static List<int> Within(List<int> sortedDocs, DocIdSetIterator? allowed)
    {
        var kept = new List<int>(sortedDocs.Count);
        if (allowed is null)
        {
            return kept;
        }

        var current = -1;
        foreach (var doc in sortedDocs)
        {
            if (current < doc)
            {
                current = allowed.Advance(doc);
            }

            if (current == DocIdSetIterator.NO_MORE_DOCS)
            {
                break;
            }

            if (current == doc)
            {
                kept.Add(doc);
            }
        }

        return kept;
    }
}
