using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace TownLake.Search.Analysis;

/// <summary>
/// Splits schema names and the prose around them into lowercased word parts in one pass: white space and
/// punctuation separate words, and so do lower→upper case changes (<c>customerID</c> → customer, id) and
/// letter↔digit changes (<c>order2024</c> → order, 2024); a trailing <c>'s</c> is dropped. A lone
/// <see cref="SchemaAnalyzer.ValueSeparator"/> adds a <see cref="SchemaAnalyzer.ValueGap"/> position gap,
/// so many short values indexed as one field value never form a phrase across two values.
/// </summary>
/// <remarks>
/// Gives the same terms, positions and offsets as Lucene's WhitespaceTokenizer → value-gap filter →
/// WordDelimiterFilter (word and number parts, split on case change and numerics, English possessive) →
/// LowerCaseFilter; a test checks that. WordDelimiterFilter clones every attribute of every token it splits,
/// which was a third of the indexing time.
/// </remarks>
public sealed class SchemaTokenizer : Tokenizer
{
    // Character classes of Lucene's WordDelimiterIterator; letters of no case count as both cases.
    private const int Lower = 1;
    private const int Upper = 2;
    private const int Alpha = Lower | Upper;
    private const int Digit = 4;
    private const int Delimiter = 8;

    /// <summary>Longest run of non-space characters read as one word (Lucene's CharTokenizer limit).</summary>
    private const int MaxWordLength = 255;

    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _positionIncrement;
    private char[] _text = new char[256];
    private int _length;
    private int _cursor;

    // The word (white-space separated run) being split, and the next part to emit in it.
    private int _wordStart = -1;
    private int _partEnd;
    private int _boundsEnd;
    private bool _skipPossessive;
    private int _pendingIncrement;
    private bool _emittedAny;

    public SchemaTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _positionIncrement = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        ClearAttributes();
        while (true)
        {
            if (_wordStart >= 0 && NextPart(out var start, out var end))
            {
                Emit(start, end);
                return true;
            }

            _wordStart = -1;
            if (!NextWord())
            {
                return false;
            }
        }
    }

    public override void Reset()
    {
        base.Reset();
        _length = 0;
        int read;
        while ((read = m_input.Read(_text, _length, _text.Length - _length)) > 0)
        {
            _length += read;
            if (_length == _text.Length)
            {
                Array.Resize(ref _text, _text.Length * 2);
            }
        }

        _cursor = 0;
        _wordStart = -1;
        _pendingIncrement = 0;
        _emittedAny = false;
    }

    public override void End()
    {
        base.End();
        var final = CorrectOffset(_length);
        _offset.SetOffset(final, final);
    }

    private void Emit(int start, int end)
    {
        var buffer = _term.ResizeBuffer(end - start);
        for (var i = start; i < end; i++)
        {
            buffer[i - start] = char.ToLowerInvariant(_text[i]);
        }

        _term.Length = end - start;
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));

        // The first part of a word carries the word's increment (and any value gap before it); the others follow on.
        _positionIncrement.PositionIncrement = Math.Max(1, _pendingIncrement);
        _pendingIncrement = 0;
        _emittedAny = true;
    }

    /// <summary>Moves to the next white-space separated word that has a part to emit, handling value separators on the way.</summary>
    private bool NextWord()
    {
        var increment = 1;
        while (true)
        {
            while (_cursor < _length && IsWhiteSpace(_text[_cursor]))
            {
                _cursor++;
            }

            if (_cursor >= _length)
            {
                return false;
            }

            var start = _cursor;
            while (_cursor < _length && _cursor - start < MaxWordLength && !IsWhiteSpace(_text[_cursor]))
            {
                _cursor++;
            }

            var end = _cursor;
            if (end - start == 1 && _text[start] == SchemaAnalyzer.ValueSeparatorChar)
            {
                increment += SchemaAnalyzer.ValueGap;
                continue;
            }

            _pendingIncrement += increment;
            if (!StartWord(start, end))
            {
                // Only delimiters: no token and, unlike a stop word, no hole (as WordDelimiterFilter does).
                if (increment == 1 && _emittedAny)
                {
                    _pendingIncrement--;
                }

                increment = 1;
                continue;
            }

            return true;
        }
    }

    /// <summary>Sets the word's bounds without leading and trailing delimiters; false when nothing is left.</summary>
    private bool StartWord(int start, int end)
    {
        var first = start;
        while (first < end && CharType(_text[first]) == Delimiter)
        {
            first++;
        }

        var last = end;
        while (last > first && CharType(_text[last - 1]) == Delimiter)
        {
            last--;
        }

        if (first == last)
        {
            return false;
        }

        _wordStart = first;
        _boundsEnd = last;
        _partEnd = first;
        _skipPossessive = false;
        return true;
    }

    private bool NextPart(out int start, out int end)
    {
        var current = _partEnd;
        if (_skipPossessive)
        {
            current += 2;
            _skipPossessive = false;
        }

        var lastType = 0;
        while (current < _boundsEnd && (lastType = CharType(_text[current])) == Delimiter)
        {
            current++;
        }

        start = current;
        if (current >= _boundsEnd)
        {
            end = current;
            return false;
        }

        end = current + 1;
        for (; end < _boundsEnd; end++)
        {
            var type = CharType(_text[end]);
            if (IsBreak(lastType, type))
            {
                break;
            }

            lastType = type;
        }

        if (end < _boundsEnd - 1 && EndsWithPossessive(end + 2))
        {
            _skipPossessive = true;
        }

        _partEnd = end;
        return true;
    }

    private static bool IsBreak(int lastType, int type)
    {
        if ((type & lastType) != 0)
        {
            return false;
        }

        // Upper case followed by any letter stays one part ("XMLParser", "Customer").
        return (lastType & Upper) == 0 || (type & Alpha) == 0;
    }

    /// <summary>"'s" ending at <paramref name="position"/>, after a letter and before a delimiter or the end of the word.</summary>
    private bool EndsWithPossessive(int position) =>
        position > _wordStart + 2 &&
        position <= _boundsEnd &&
        _text[position - 2] == '\'' &&
        (_text[position - 1] == 's' || _text[position - 1] == 'S') &&
        (CharType(_text[position - 3]) & Alpha) != 0 &&
        (position == _boundsEnd || CharType(_text[position]) == Delimiter);

    private static int CharType(char c) => c < 256 ? Latin1CharType(c) : char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter => Upper,
        UnicodeCategory.LowercaseLetter => Lower,
        UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark => Alpha,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Digit,
        UnicodeCategory.Surrogate => Alpha | Digit,
        _ => Delimiter,
    };

    /// <summary>Lucene's table for the first 256 characters: only cased letters and decimal digits are word characters (½, ² are delimiters).</summary>
    private static int Latin1CharType(char c) =>
        char.IsLower(c) ? Lower
        : char.IsUpper(c) ? Upper
        : char.IsDigit(c) ? Digit
        : Delimiter;

    /// <summary>Java's notion of white space, which Lucene's WhitespaceTokenizer uses (no-break spaces are not white space).</summary>
    private static bool IsWhiteSpace(char c) => c is not ('\u00A0' or '\u2007' or '\u202F' or '\u0085') && (char.IsWhiteSpace(c) || c is '\u001C' or '\u001D' or '\u001E' or '\u001F');
}
