using System.Text;

namespace TownLake.Catalog.Identity;

/// <summary>
/// The unique three-part name of a dataset: <c>catalog.schema.table</c>, where the catalog part is the
/// source (connection) name. Parts may hold any character a database allows; a part containing a dot,
/// a double quote or surrounding white space is written in double quotes (quotes doubled), as SQL does.
/// Parsing is strict (see <see cref="TryParse"/>), so one dataset has exactly one spelling.
/// </summary>
public readonly record struct DatasetName
{
    public DatasetName(string catalog, string schema, string table)
    {
        Catalog = ValidatePart(catalog, nameof(catalog));
        Schema = ValidatePart(schema, nameof(schema));
        Table = ValidatePart(table, nameof(table));
    }

    public string Catalog { get; }
    public string Schema { get; }
    public string Table { get; }

    /// <summary>Parses <c>catalog.schema.table</c> (parts optionally double-quoted).</summary>
    /// <exception cref="CatalogException">BAD_USER_INPUT when the text is not a three-part name.</exception>
    public static DatasetName Parse(string? text)
    {
        if (!TryParse(text, out var name, out var error))
        {
            throw CatalogException.BadInput(error);
        }

        return name;
    }

    /// <summary>
    /// Parses the grammar <c>part "." part "." part</c>, where a part is either unquoted (no dot, no double quote, no
    /// white space at either end) or double-quoted (any characters, a quote written twice) and then followed directly by
    /// a dot or the end. Nothing is trimmed: <c>a.b.c </c> is refused rather than read as a second dataset next to
    /// <c>a.b.c</c>, and a part that really has surrounding spaces is written quoted, as <see cref="ToString"/> does.
    /// </summary>
    public static bool TryParse(string? text, out DatasetName name, out string error)
    {
        name = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A dataset name is required, as catalog.schema.table (e.g. demo.dim.accounts).";
            return false;
        }

        var parts = new List<string>(3);
        var position = 0;
        while (true)
        {
            if (!TryReadPart(text, ref position, out var part, out error))
            {
                return false;
            }

            parts.Add(part);
            if (position == text.Length)
            {
                break;
            }

            position++; // the dot TryReadPart stopped at
        }

        if (parts.Count != 3 || parts.Exists(p => p.Length == 0))
        {
            error = $"Dataset name {InputEcho.Quote(text)} must have exactly three non-empty parts: catalog.schema.table (quote a part that contains a dot).";
            return false;
        }

        name = new DatasetName(parts[0], parts[1], parts[2]);
        error = string.Empty;
        return true;
    }

    /// <summary>Reads one part starting at <paramref name="position"/> and leaves it at the dot after the part, or the end.</summary>
    private static bool TryReadPart(string text, ref int position, out string part, out string error)
    {
        var current = new StringBuilder();
        part = string.Empty;
        if (position < text.Length && text[position] == '"')
        {
            position++;
            while (true)
            {
                if (position == text.Length)
                {
                    error = $"Dataset name {InputEcho.Quote(text)} has an unterminated double quote.";
                    return false;
                }

                var c = text[position++];
                if (c != '"')
                {
                    current.Append(c);
                }
                else if (position < text.Length && text[position] == '"')
                {
                    current.Append('"');
                    position++;
                }
                else
                {
                    break;
                }
            }

            if (position < text.Length && text[position] != '.')
            {
                error = $"Dataset name {InputEcho.Quote(text)} has '{text[position]}' after a quoted part (position {position + 1}); a quoted part must be followed by a dot or the end.";
                return false;
            }
        }
        else
        {
            while (position < text.Length && text[position] != '.')
            {
                var c = text[position];
                if (c == '"' && current.Length > 0 && string.IsNullOrWhiteSpace(current.ToString()))
                {
                    error = $"Dataset name {InputEcho.Quote(text)} has white space at the start or end of the part {InputEcho.Quote(current.ToString())}; remove it, or put the space inside the quotes if it belongs to the name.";
                    return false;
                }

                if (c == '"')
                {
                    error = $"Dataset name {InputEcho.Quote(text)} has a double quote inside an unquoted part (position {position + 1}); quote the whole part and double the quote.";
                    return false;
                }

                current.Append(c);
                position++;
            }

            var raw = current.ToString();
            if (raw.Length > 0 && raw.Trim().Length != raw.Length)
            {
                error = $"Dataset name {InputEcho.Quote(text)} has white space at the start or end of the part {InputEcho.Quote(raw)}; remove it, or quote the part if the space belongs to the name.";
                return false;
            }
        }

        part = current.ToString();
        error = string.Empty;
        return true;
    }

    public override string ToString() => $"{Quote(Catalog)}.{Quote(Schema)}.{Quote(Table)}";

    private static string Quote(string part) =>
        part.Contains('.') || part.Contains('"') || part.Trim() != part
            ? "\"" + part.Replace("\"", "\"\"") + "\""
            : part;

    private static string ValidatePart(string part, string what)
    {
        if (string.IsNullOrEmpty(part))
        {
            throw CatalogException.BadInput($"The {what} part of a dataset name must not be empty.");
        }

        if (part.Length > 512)
        {
            throw CatalogException.BadInput($"The {what} part of a dataset name is longer than 512 characters.");
        }

        return part;
    }
}
