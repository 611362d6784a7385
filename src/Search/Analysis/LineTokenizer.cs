using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace TownLake.Search.Analysis;

/// <summary>Emits each line of the input as one token, unchanged (for many exact-match values in one field).</summary>
public sealed class LineTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private string _text = "";
    private int _position;

    public LineTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        while (_position < _text.Length)
        {
            var end = _text.IndexOf('\n', _position);
            if (end < 0)
            {
                end = _text.Length;
            }

            var start = _position;
            _position = end + 1;
            if (end > start)
            {
                _term.ResizeBuffer(end - start);
                _text.CopyTo(start, _term.Buffer, 0, end - start);
                _term.Length = end - start;
                _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
                return true;
            }
        }

        return false;
    }

    public override void Reset()
    {
        base.Reset();
        _text = m_input.ReadToEnd();
        _position = 0;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(CorrectOffset(_text.Length), CorrectOffset(_text.Length));
    }
}
