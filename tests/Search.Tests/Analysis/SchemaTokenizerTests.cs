using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using TownLake.Search.Analysis;

namespace TownLake.Search.Tests.Analysis;

public class SchemaTokenizerTests
{
    public static TheoryData<string> Texts { get; } =
    [
        "fct_billings_allocated",
        "customerID CustomerId XMLParser iPhone5s",
        "sales.orders_2024 order2024total 2024q1_rev v2_users",
        "The singer's name; the singers' names, it's_a DON'T 'quoted' a's",
        "  leading and trailing spaces  \t\n tabs ",
        "_ - __ lone -- delimiters ..., between_words",
        "- starts with a delimiter",
        string.Join(SchemaAnalyzer.ValueSeparator, ["order_total", "customer_id", "_", "amount_usd"]),
        " \u241E  \u241E twice \u241E",
        "Ünïcödé_Straße naïveCafé Δelta_αβγ 東京_tower ½price Ⅻ_rome x²y ªb µm",
        "no\u00A0break\u2007spaces\u202Fhere and\u0085nel",
        new string('x', 300) + "Abc " + new string('y', 600),
        "emoji 😀_smile a😀b",
        "",
        "   ",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Tokenizer_gives_the_same_terms_positions_and_offsets_as_the_word_delimiter_chain_it_replaces(string text)
    {
        var expected = Tokens(new ReferenceAnalyzer(), text);

        var actual = Tokens(Analyzer.NewAnonymous((_, reader) => new TokenStreamComponents(new SchemaTokenizer(reader))), text);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Tokenizer_is_reusable_across_texts_of_different_lengths()
    {
        using var analyzer = Analyzer.NewAnonymous((_, reader) => new TokenStreamComponents(new SchemaTokenizer(reader)));

        var first = Tokens(analyzer, new string('a', 2000) + " tail_End");
        var second = Tokens(analyzer, "short_one");

        Assert.Equal("end", first[^2].Term);
        Assert.Equal(["short", "one", "<end>"], second.Select(token => token.Term));
    }

    private static List<(string Term, int Increment, int Start, int End)> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int, int)>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add((term.ToString(), increment.PositionIncrement, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        tokens.Add(("<end>", 0, offset.StartOffset, offset.EndOffset));
        return tokens;
    }

    /// <summary>The Lucene chain the tokenizer replaced: white space, value gaps, WordDelimiterFilter, lower case.</summary>
    private sealed class ReferenceAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new WhitespaceTokenizer(LuceneVersion.LUCENE_48, reader);
            TokenStream stream = new ValueGapFilter(tokenizer);
            stream = new WordDelimiterFilter(
                LuceneVersion.LUCENE_48,
                stream,
                WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS |
                WordDelimiterFlags.SPLIT_ON_CASE_CHANGE | WordDelimiterFlags.SPLIT_ON_NUMERICS | WordDelimiterFlags.STEM_ENGLISH_POSSESSIVE,
                null);
            stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, stream);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }

    /// <summary>Turns a lone separator token into a position gap before the next token.</summary>
    private sealed class ValueGapFilter(TokenStream input) : TokenFilter(input)
    {
        private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();
        private readonly IPositionIncrementAttribute _positionIncrement = input.AddAttribute<IPositionIncrementAttribute>();

        public override bool IncrementToken()
        {
            var gap = 0;
            while (m_input.IncrementToken())
            {
                if (_term.Length == 1 && _term.Buffer[0] == '\u241E')
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
}
