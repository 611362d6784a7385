namespace TownLake.Engine.Sql;

/// <summary>One lexical token of a SQL text; whitespace and comments are tokens too, so text can be rebuilt exactly.</summary>
internal sealed record SqlToken(SqlTokenKind Kind, string Text, int Start)
{
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.Comment;

    public bool IsWord(string word) => Kind == SqlTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>The identifier without its quotes (<c>"a""b"</c> → <c>a"b</c>, <c>`x`</c> → <c>x</c>, <c>[a]]b]</c> → <c>a]b</c>).</summary>
    public string IdentifierValue => Kind switch
    {
        SqlTokenKind.QuotedIdentifier when Text.Length < 2 => "",
        SqlTokenKind.QuotedIdentifier when Text.StartsWith('`') => Text[1..^1].Replace("``", "`", StringComparison.Ordinal),
        SqlTokenKind.QuotedIdentifier when Text.StartsWith('[') => Text[1..^1].Replace("]]", "]", StringComparison.Ordinal),
        SqlTokenKind.QuotedIdentifier => Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal),
        _ => Text,
    };

    /// <summary>The value of a string literal without quotes (single-quoted; Hive also double-quoted).</summary>
    public string StringValue => Text.Length >= 2 ? Text[1..^1].Replace("''", "'", StringComparison.Ordinal) : Text;
}

/// <summary>Token categories.</summary>
internal enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Symbol,
    Whitespace,
    Comment,
}
