using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Agents.Memory;

/// <summary>Which notes a person lists (the memory page, a dataset page): every filter given must match.</summary>
public sealed record NoteFilter(string? Query = null, string? About = null, string? Author = null, string? Team = null, bool SharedOnly = false, int First = 50)
{
    public const int MaxFirst = 200;
    private const int MaxTextLength = 512;

    /// <summary>Refuses filters no note could match sensibly: oversized text, control characters, a page size out of range.</summary>
    public void Validate()
    {
        if (First is < 1 or > MaxFirst)
        {
            throw CatalogException.BadInput($"'first' must be between 1 and {MaxFirst} (it is {First}).");
        }

        foreach (var (name, value) in new[] { ("query", Query), ("about", About), ("author", Author), ("team", Team) })
        {
            if (value is not null && (value.Length > MaxTextLength || value.Any(char.IsControl)))
            {
                throw CatalogException.BadInput($"'{name}' must be at most {MaxTextLength} characters of text.");
            }
        }
    }
}
