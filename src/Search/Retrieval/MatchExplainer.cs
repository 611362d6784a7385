using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using TownLake.Search.Documents;

namespace TownLake.Search.Retrieval;

/// <summary>
/// Says why a document matched: which name, column, description, tag or glossary term contains a query
/// term, with the matching words wrapped in <c>&lt;em&gt;</c>.
/// </summary>
internal sealed class MatchExplainer(Analyzer indexAnalyzer)
{
    private const int SnippetRadius = 80;

    public IReadOnlyList<MatchedField> Explain(SearchDocument document, IReadOnlySet<string> terms)
    {
        var matches = new List<MatchedField>();
        if (terms.Count == 0)
        {
            return matches;
        }

        Add(matches, "name", document.EntityType == SearchEntityType.Dataset ? document.TableName : document.Name, terms);
        foreach (var column in document.Columns)
        {
            Add(matches, "column", column.Name, terms);
            if (column.Description is not null && Highlight(column.Description, terms) is { } snippet)
            {
                matches.Add(new MatchedField("columnDescription", column.Name, snippet));
            }
        }

        Add(matches, "description", document.Description, terms);
        foreach (var term in document.GlossaryTerms)
        {
            Add(matches, "glossaryTerm", term.Name, terms);
            foreach (var synonym in term.Synonyms ?? [])
            {
                if (Highlight(synonym, terms) is { } snippet)
                {
                    matches.Add(new MatchedField("glossaryTerm", term.Name, snippet));
                }
            }
        }

        foreach (var tag in document.Tags)
        {
            Add(matches, "tag", tag, terms);
        }

        Add(matches, "schema", document.Schema, terms);
        Add(matches, "body", document.Body, terms);
        return matches;
    }

    private void Add(List<MatchedField> matches, string field, string? text, IReadOnlySet<string> terms)
    {
        if (text is not null && Highlight(text, terms) is { } snippet)
        {
            matches.Add(new MatchedField(field, text.Length <= 2 * SnippetRadius ? text : field, snippet));
        }
    }

    /// <summary>The text (or a window around its first match) with matched words emphasised; null when nothing matches.</summary>
    private string? Highlight(string text, IReadOnlySet<string> terms)
    {
        var spans = new List<(int Start, int End)>();
        using (var stream = indexAnalyzer.GetTokenStream("explain", text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                if (terms.Contains(term.ToString()) && (spans.Count == 0 || spans[^1].End <= offset.StartOffset))
                {
                    spans.Add((offset.StartOffset, offset.EndOffset));
                }
            }

            stream.End();
        }

        if (spans.Count == 0)
        {
            return null;
        }

        var from = Math.Max(0, spans[0].Start - SnippetRadius);
        var to = Math.Min(text.Length, spans[0].End + SnippetRadius);
        var snippet = new StringBuilder();
        if (from > 0) snippet.Append('…');
        var cursor = from;
        foreach (var (start, end) in spans.Where(span => span.Start >= from && span.End <= to))
        {
            snippet.Append(text, cursor, start - cursor).Append("<em>").Append(text, start, end - start).Append("</em>");
            cursor = end;
        }

        snippet.Append(text, cursor, to - cursor);
        if (to < text.Length) snippet.Append('…');
        return snippet.ToString();
    }
}
