using TownLake.Search.Indexing;

namespace TownLake.Search.Retrieval;

/// <summary>How much a match in each field counts: name &gt; column names &gt; glossary terms and tags &gt; descriptions.</summary>
internal static class FieldWeights
{
    public static IReadOnlyList<(string Field, float Weight)> All { get; } =
    [
        (IndexFields.TableName, 3.0f),
        (IndexFields.Columns, 1.6f),
        (IndexFields.Glossary, 1.3f),
        (IndexFields.Description, 1.0f),
        (IndexFields.Container, 0.8f),
        (IndexFields.Details, 0.6f),
    ];

    /// <summary>The fields of <see cref="All"/>, in its order (what a word is looked up in).</summary>
    public static IReadOnlyList<string> Fields { get; } = All.Select(pair => pair.Field).ToList();

    /// <summary>Fields a misspelt word is looked up in: short, name-like text.</summary>
    public static IReadOnlyList<(string Field, float Weight)> Fuzzy { get; } =
    [
        (IndexFields.TableName, 3.0f),
        (IndexFields.Columns, 1.6f),
        (IndexFields.Glossary, 1.3f),
    ];

    /// <summary>Fields where two query words next to each other are worth extra.</summary>
    public static IReadOnlyList<(string Field, float Weight)> Phrase { get; } =
    [
        (IndexFields.TableName, 1.5f),
        (IndexFields.Columns, 1.0f),
        (IndexFields.Description, 0.8f),
    ];

    /// <summary>A glossary synonym counts a bit less than the word the user typed.</summary>
    public const float GlossaryAlternative = 0.8f;

    /// <summary>A fuzzy match counts less than an exact one.</summary>
    public const float FuzzyMatch = 0.6f;

    /// <summary>Share of the non-best fields that still adds to a word's score.</summary>
    public const float TieBreaker = 0.3f;
}
