using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

/// <summary>The shared token reader: what counts as one token, bracket matching and the next top-level token.</summary>
public sealed class SqlTokenCursorTests
{
    private static SqlTokenCursor Cursor(string sql) => new(SqlTokenizer.Tokenize(sql, SqlDialect.DuckDb));

    [Fact]
    public void Quoted_identifiers_strings_comments_and_dollar_quotes_are_single_tokens()
    {
        var cursor = Cursor("SELECT \"a (b\", 'it''s )', $tag$ ) ; $tag$ /* ( */ -- )\nFROM t");

        Assert.Equal(["SELECT", "\"a (b\"", ",", "'it''s )'", ",", "$tag$ ) ; $tag$", "FROM", "t"], cursor.Significant.Select(t => t.Text));
        Assert.Equal("a (b", cursor[1].IdentifierValue);
        Assert.Equal("it's )", cursor[3].StringValue);
    }

    [Fact]
    public void Close_finds_the_matching_parenthesis_across_nesting_and_ignores_brackets_in_literals()
    {
        var cursor = Cursor("f(a, g(b, ')'), (c)) + 1");

        Assert.Equal(")", cursor[cursor.Close(1)].Text);
        Assert.Equal("+", cursor[cursor.Close(1) + 1].Text);
        Assert.Equal(9, cursor.Close(5));
    }

    [Fact]
    public void Unbalanced_parenthesis_has_no_match()
    {
        var tokens = SqlTokenizer.Tokenize("f(a, (b)", SqlDialect.DuckDb);

        Assert.Null(SqlTokenCursor.MatchingClose(tokens, 1));
        Assert.Equal(tokens.Count - 1, SqlTokenCursor.Close(tokens, 1));
    }

    [Fact]
    public void Find_top_level_skips_words_inside_parentheses()
    {
        var cursor = Cursor("WITH x AS (SELECT 1 FROM a INSERT) INSERT INTO t SELECT * FROM x");

        var insert = cursor.FindTopLevel(0, s => cursor.Word(s, "INSERT"));

        Assert.Equal("INTO", cursor[insert!.Value + 1].Text);
    }

    [Fact]
    public void Next_top_level_stops_at_the_enclosing_close()
    {
        var tokens = SqlTokenizer.Tokenize("a, f(b, c) ) ORDER BY d", SqlDialect.DuckDb);

        var end = SqlTokenCursor.NextTopLevel(tokens, 0, t => t.IsWord("ORDER"));

        Assert.Equal(")", tokens[end].Text);
        Assert.Equal(11, end);
    }

    [Fact]
    public void Split_top_level_keeps_nested_commas_together()
    {
        var cursor = Cursor("a, f(b, c), [d, e], \"x,y\"");

        var items = cursor.SplitTopLevel(0, cursor.Count);

        Assert.Equal(["a", "f(b, c)", "[d, e]", "\"x,y\""],
            items.Select(i => string.Concat(cursor.Slice(i.Start, i.End).Select(t => t.Text)).Trim()));
    }

    [Fact]
    public void Dotted_names_unquote_each_part()
    {
        var cursor = Cursor("\"Shop\".public.\"Order Items\" o");

        var (parts, next) = cursor.ReadName(0);

        Assert.Equal(["Shop", "public", "Order Items"], parts);
        Assert.Equal("o", cursor[next].Text);
    }
}
