using System.Buffers.Text;
using System.Text;

namespace TownLake.Search.Retrieval;

/// <summary>Opaque, URL-safe cursor holding the offset of the next page.</summary>
internal static class PageCursor
{
    private const string Prefix = "o:";

    public static string Encode(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + offset));

    public static int Decode(string cursor)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) && int.TryParse(text.AsSpan(Prefix.Length), out var offset) && offset >= 0)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException($"The search cursor '{cursor}' is not valid; pass the NextCursor of a previous result.", nameof(cursor));
    }
}
