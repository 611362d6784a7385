using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Discovery;

/// <summary>
/// The longest search text accepted by every search face (GraphQL <c>search</c>/<c>autocomplete</c>, the agents' tools):
/// a question is a sentence or two, and a megabyte of text only costs the analyzer time and memory.
/// </summary>
public static class SearchQueryLimit
{
    public const int MaxLength = 1_000;

    /// <summary>The text when within the limit; otherwise BAD_USER_INPUT naming the limit.</summary>
    public static string Require(string text, string argument = "query") =>
        text.Length <= MaxLength
            ? text
            : throw CatalogException.BadInput($"'{argument}' has {text.Length:N0} characters; the search query length limit is {MaxLength:N0} characters.");
}
