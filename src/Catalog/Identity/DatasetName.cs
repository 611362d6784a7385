using System.Text;

namespace TownLake.Catalog.Identity;

/// <summary>
/// The unique three-part name of a dataset: <c>catalog.schema.table</c>, where the catalog part is the
/// source (connection) name. Parts may hold any character a database allows; a part containing a dot,
/// a double quote or surrounding white space is written in double quotes (quotes doubled), as SQL does.
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

    public static bool TryParse(string? text, out DatasetName name, out string error)
    {
        name = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A dataset name is required, as catalog.schema.table (e.g. demo.dim.accounts).";
            return false;
        }

        var parts = new List<string>(3);
        var current = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        current.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.Length == 0 && !wasQuoted)
            {
                quoted = true;
                wasQuoted = true;
            }
            else if (c == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
                wasQuoted = false;
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            error = $"Dataset name {InputEcho.Quote(text)} has an unterminated double quote.";
            return false;
        }

        parts.Add(current.ToString());
        if (parts.Count != 3 || parts.Exists(p => p.Length == 0))
        {
            error = $"Dataset name {InputEcho.Quote(text)} must have exactly three non-empty parts: catalog.schema.table (quote a part that contains a dot).";
            return false;
        }

        name = new DatasetName(parts[0], parts[1], parts[2]);
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
