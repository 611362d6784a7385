using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace TownLake.Search.Analysis;

/// <summary>A token of analysed text with its position (synonyms and expansions share a position).</summary>
public readonly record struct AnalyzedToken(string Term, int Position);

/// <summary>Runs an analyzer over a string and returns its tokens.</summary>
public static class TextTokens
{
    public static IReadOnlyList<AnalyzedToken> Analyze(Analyzer analyzer, string text, string field = "text")
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), Math.Max(position, 0)));
        }

        stream.End();
        return tokens;
    }

    /// <summary>Distinct terms only, in order of first appearance.</summary>
    public static IReadOnlyList<string> Terms(Analyzer analyzer, string text) =>
        Analyze(analyzer, text).Select(token => token.Term).Distinct(StringComparer.Ordinal).ToList();
}
