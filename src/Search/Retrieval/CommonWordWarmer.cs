using Lucene.Net.Index;
using TownLake.Search.Indexing;

namespace TownLake.Search.Retrieval;

/// <summary>
/// Fills a segment's <see cref="CommonWordStats"/> before searches need them: the matches and frequency tables of the
/// words that are common in it. Built lazily, they cost the first question naming a word a walk of postings that hold
/// most of the segment (tens of milliseconds at a million documents); the writer runs this on each merged segment before
/// searches can read it, and the index on the segments it opened with.
/// </summary>
internal sealed class CommonWordWarmer(CommonWordStats stats, CommonWords rule, Action<Exception> failed, CancellationToken stopping) : IndexWriter.IndexReaderWarmer
{
    /// <summary>Most field terms warmed per segment: half of what the segment may cache, leaving room for what questions ask.</summary>
    private const int MaxFieldTerms = CommonWordStats.MaxEntries;

    /// <summary>Most single-word matches warmed per segment: a quarter of what the segment may cache.</summary>
    private const int MaxWords = CommonWordStats.MaxEntries / 4;

    /// <summary>Warms <paramref name="reader"/>'s segment; a failure is reported, never thrown (it would fail the merge, and the caches fill lazily anyway).</summary>
    public override void Warm(AtomicReader reader)
    {
        try
        {
            WarmCommonWords(reader);
        }
        catch (Exception error)
        {
            failed(error);
        }
    }

    private void WarmCommonWords(AtomicReader reader)
    {
        // A segment smaller than the rule's minimum has no common word, and its postings are short anyway.
        if (!rule.IsCommon(reader.MaxDoc, reader.MaxDoc))
        {
            return;
        }

        var fields = FieldWeights.Fields;
        var common = new List<(string Field, string Term, int DocFreq)>();
        foreach (var field in fields)
        {
            var terms = reader.GetTerms(field)?.GetEnumerator();
            while (terms is not null && terms.MoveNext())
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                if (rule.IsCommon(terms.DocFreq, reader.MaxDoc))
                {
                    common.Add((field, terms.Term.Utf8ToString(), terms.DocFreq));
                }
            }
        }

        var segment = stats.For(reader);
        foreach (var (field, term, _) in common.OrderByDescending(entry => entry.DocFreq).Take(MaxFieldTerms))
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            segment.TermMatches(reader, field, term);
            segment.MaxFreqByNorm(reader, field, term);
        }

        var words = common.GroupBy(entry => entry.Term, StringComparer.Ordinal)
            .OrderByDescending(word => word.Max(entry => entry.DocFreq))
            .Take(MaxWords);
        foreach (var word in words)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            segment.WordMatches(reader, [word.Key], fields);
        }
    }
}
