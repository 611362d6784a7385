namespace TownLake.Search.Indexing;

/// <summary>Names of the Lucene fields one search document is written to.</summary>
internal static class IndexFields
{
    public const string Urn = "urn";
    public const string Payload = "payload";
    public const string SignalBoost = "signal_boost";
    public const string Group = "group";

    /// <summary>
    /// One doc-values field with what the join-aware rerank reads per candidate: URN, group, join keys and declared
    /// join targets, joined by <see cref="JoinFactsSeparator"/> (one sorted doc-values field per document instead of four is
    /// cheaper to write and to read).
    /// </summary>
    public const string JoinFacts = "join_facts";

    public const char JoinFactsSeparator = '\u001F';

    /// <summary>Indexed join facts ("k:&lt;key column&gt;", "t:&lt;table stem&gt;", "u:&lt;declared target urn&gt;"), scoped to the schema group (<see cref="KeywordTerms.JoinText"/>), to find join partners by term.</summary>
    public const string JoinTerms = "join_terms";
    public const string Suggest = "suggest";

    /// <summary>The table name's words in order (<see cref="Analysis.NameWordTokenizer"/>), for autocomplete at word starts.</summary>
    public const string NameWords = "name_words";
    public const string Keywords = "kw";

    // Analysed text fields, from the strongest evidence to the weakest.
    public const string TableName = "t_name";
    public const string Columns = "t_columns";
    public const string Glossary = "t_glossary";
    public const string Description = "t_description";
    public const string Container = "t_container";
    public const string Details = "t_details";

    public static IReadOnlyList<string> TextFields { get; } = [TableName, Columns, Glossary, Description, Container, Details];
}
