using System.Globalization;
using System.Text;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// The <c>cursor</c> of a paged agent answer: an opaque token for "continue from row/column n" of one tool, so a
/// cursor from another tool or a hand-made number is refused with a clear error.
/// </summary>
public static class PageCursor
{
    public static string Encode(string tool, long offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{tool}:{offset}"))).TrimEnd('=');

    public static long Decode(string tool, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return 0;
        }

        try
        {
            var padded = cursor.PadRight(cursor.Length + ((4 - (cursor.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (text.StartsWith(tool + ":", StringComparison.Ordinal) && long.TryParse(text[(tool.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // answered below
        }

        throw new CatalogException(Hosting.Errors.ErrorCodes.BadUserInput, $"Argument 'cursor' {InputEcho.Quote(cursor)} is not a cursor {tool} gave out.")
        {
            Hint = $"Pass the 'nextCursor' of the previous {tool} answer unchanged, or leave 'cursor' out to start from the beginning.",
        };
    }
}
