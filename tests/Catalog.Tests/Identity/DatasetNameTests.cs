using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Tests.Identity;

/// <summary>The dataset name grammar: three parts, each unquoted (no dot, quote or surrounding space) or double-quoted.</summary>
public class DatasetNameTests
{
    [Theory]
    [InlineData("demo.dim.accounts", "demo", "dim", "accounts")]
    [InlineData("\"my.source\".dim.accounts", "my.source", "dim", "accounts")]
    [InlineData("demo.\"sales \"\"eu\"\"\".orders", "demo", "sales \"eu\"", "orders")]
    [InlineData("demo.dim.\" padded \"", "demo", "dim", " padded ")]
    [InlineData("demo.my schema.order lines", "demo", "my schema", "order lines")]
    [InlineData("\"a\".\"b\".\"c\"", "a", "b", "c")]
    [InlineData("Demo.Dim.Accounts", "Demo", "Dim", "Accounts")]
    public void Parse_reads_unquoted_and_quoted_parts(string text, string catalog, string schema, string table)
    {
        var name = DatasetName.Parse(text);

        Assert.Equal((catalog, schema, table), (name.Catalog, name.Schema, name.Table));
    }

    [Theory]
    [InlineData("demo.dim.accounts")]
    [InlineData("\"my.source\".dim.accounts")]
    [InlineData("demo.\"sales \"\"eu\"\"\".orders")]
    [InlineData("demo.dim.\" padded \"")]
    public void A_name_written_out_parses_back_to_the_same_name(string text)
    {
        var name = DatasetName.Parse(text);

        Assert.Equal(name, DatasetName.Parse(name.ToString()));
        Assert.Equal(text, name.ToString());
    }

    [Fact]
    public void Quoting_a_part_that_needs_no_quotes_names_the_same_dataset()
    {
        Assert.Equal(DatasetName.Parse("a.b.c"), DatasetName.Parse("\"a\".b.\"c\""));
        Assert.Equal("a.b.c", DatasetName.Parse("\"a\".b.\"c\"").ToString());
    }

    [Theory]
    [InlineData("\"a\"b.c.d", "after a quoted part")]
    [InlineData("a.\"b\"x.c", "after a quoted part")]
    [InlineData("a.b.\"c\" ", "after a quoted part")]
    [InlineData("a\"b.c.d", "double quote inside an unquoted part")]
    [InlineData("a.b.c\"", "double quote inside an unquoted part")]
    [InlineData("a.b.c ", "white space at the start or end")]
    [InlineData(" a.b.c", "white space at the start or end")]
    [InlineData("a. b.c", "white space at the start or end")]
    [InlineData("a.b .c", "white space at the start or end")]
    [InlineData("a.\t.c", "white space at the start or end")]
    [InlineData("a.b.c\n", "white space at the start or end")]
    [InlineData(" \"a\".b.c", "white space at the start or end")]
    [InlineData("\"a.b.c", "unterminated double quote")]
    [InlineData("a.b", "exactly three non-empty parts")]
    [InlineData("a.b.c.d", "exactly three non-empty parts")]
    [InlineData("a..c", "exactly three non-empty parts")]
    [InlineData("a.b.c.", "exactly three non-empty parts")]
    [InlineData("\"\".b.c", "exactly three non-empty parts")]
    [InlineData("", "is required")]
    [InlineData("   ", "is required")]
    [InlineData(null, "is required")]
    public void Parse_refuses_malformed_names_as_bad_user_input(string? text, string reason)
    {
        var error = Assert.Throws<CatalogException>(() => DatasetName.Parse(text));

        Assert.Equal("BAD_USER_INPUT", error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.False(DatasetName.TryParse(text, out _, out var message));
        Assert.Equal(error.Message, message);
    }

    [Fact]
    public void A_part_longer_than_512_characters_is_refused()
    {
        var error = Assert.Throws<CatalogException>(() => DatasetName.Parse("a.b." + new string('t', 513)));

        Assert.Equal("BAD_USER_INPUT", error.Code);
        Assert.Contains("512", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_of_512_characters_is_accepted()
    {
        Assert.Equal(512, DatasetName.Parse("a.b." + new string('t', 512)).Table.Length);
    }
}
