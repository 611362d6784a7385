using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace TownLake.Search.Analysis;

/// <summary>
/// Turns a separator token into a position gap, so many short values (e.g. all column names of a table) can be
/// indexed as one field value — one token stream per document instead of one per column — while a phrase
/// still never spans two values.
/// </summary>
public sealed class ValueGapFilter : TokenFilter
{
    /// <summary>Put between values: <c>string.Join(ValueGapFilter.Separator, values)</c>.</summary>
    public const string Separator = " \u241E ";

    private const char Marker = '\u241E';
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _positionIncrement;

    public ValueGapFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _positionIncrement = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        var gap = 0;
        while (m_input.IncrementToken())
        {
            if (_term.Length == 1 && _term.Buffer[0] == Marker)
            {
                gap += SchemaAnalyzer.ValueGap;
                continue;
            }

            _positionIncrement.PositionIncrement += gap;
            return true;
        }

        return false;
    }
}
