using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace TownLake.Search.Analysis;

/// <summary>Emits the expansion of a known abbreviation at the same position as the original token.</summary>
public sealed class AbbreviationFilter : TokenFilter
{
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _positionIncrement;
    private string? _pendingExpansion;

    public AbbreviationFilter(TokenStream input, Dictionary<string, string> abbreviations)
        : base(input)
    {
        _lookup = abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        _term = AddAttribute<ICharTermAttribute>();
        _positionIncrement = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_pendingExpansion is not null)
        {
            // The expansion keeps the original's offsets and type, which are still in the attributes: only the
            // term and the increment change, so no state is captured and restored (that cloned every attribute).
            _term.SetEmpty().Append(_pendingExpansion);
            _positionIncrement.PositionIncrement = 0;
            _pendingExpansion = null;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (_lookup.TryGetValue(_term.Buffer.AsSpan(0, _term.Length), out var expansion))
        {
            _pendingExpansion = expansion;
        }

        return true;
    }

    public override void Reset()
    {
        base.Reset();
        _pendingExpansion = null;
    }
}
