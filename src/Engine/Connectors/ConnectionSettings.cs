using System.Text.RegularExpressions;

namespace TownLake.Engine.Connectors;

/// <summary>
/// One configured source. <see cref="Name"/> is the first part of every dataset name it serves
/// (<c>demo.fct.billings_allocated</c> comes from the connection named <c>demo</c>).
/// </summary>
/// <param name="Name">Lower-case identifier: letters, digits and underscores, starting with a letter.</param>
/// <param name="Type">Which adapter reads it.</param>
/// <param name="Options">
/// Free-form settings. The well-known keys are <see cref="ConnectionStringKey"/> (postgres),
/// <see cref="PathKey"/> (duckdb, files) and <see cref="UrlKey"/> (trino); keys are case-insensitive.
/// </param>
public sealed partial record ConnectionSettings(string Name, ConnectionType Type, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Npgsql connection string of a <c>postgres</c> connection.</summary>
    public const string ConnectionStringKey = "ConnectionString";

    /// <summary>Database file of a <c>duckdb</c> connection (or <c>:memory:</c>); root directory of a <c>files</c> connection.</summary>
    public const string PathKey = "Path";

    /// <summary>Coordinator URL of a <c>trino</c> connection.</summary>
    public const string UrlKey = "Url";

    /// <summary>The Npgsql connection string, when set.</summary>
    public string? ConnectionString => Option(ConnectionStringKey);

    /// <summary>The file or directory path, when set.</summary>
    public string? Path => Option(PathKey);

    /// <summary>The server URL, when set.</summary>
    public string? Url => Option(UrlKey);

    /// <summary>Builds settings from the configuration spelling of the type, with case-insensitive option keys.</summary>
    public static ConnectionSettings Create(string name, string type, IEnumerable<KeyValuePair<string, string>>? options = null)
    {
        var dictionary = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in options ?? [])
        {
            dictionary[key] = value;
        }

        return new ConnectionSettings(name, ConnectionTypes.Parse(type), dictionary);
    }

    /// <summary>Reads an option (case-insensitive key); null when absent or blank.</summary>
    public string? Option(string key)
    {
        if (Options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        foreach (var (candidate, candidateValue) in Options)
        {
            if (string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(candidateValue))
            {
                return candidateValue;
            }
        }

        return null;
    }

    /// <summary>Every problem with these settings, each as one sentence saying what to fix; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || !NamePattern().IsMatch(Name))
        {
            problems.Add($"Connection name '{Name}' is not valid: use lower-case letters, digits and underscores, starting with a letter (it becomes the first part of dataset names such as '{SuggestName(Name)}.schema.table').");
        }

        switch (Type)
        {
            case ConnectionType.Postgres:
                if (ConnectionString is null)
                {
                    problems.Add($"Connection '{Name}' (postgres) needs a '{ConnectionStringKey}' setting, e.g. 'Host=db;Database=shop;Username=reader'.");
                }
                else
                {
                    try
                    {
                        _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                    }
                    catch (ArgumentException ex)
                    {
                        problems.Add($"Connection '{Name}' (postgres) has a malformed '{ConnectionStringKey}': {ex.Message}");
                    }
                }

                break;
            case ConnectionType.DuckDb:
                if (Path is null)
                {
                    problems.Add($"Connection '{Name}' (duckdb) needs a '{PathKey}' setting: the database file, or ':memory:'.");
                }

                break;
            case ConnectionType.Files:
                if (Path is null)
                {
                    problems.Add($"Connection '{Name}' (files) needs a '{PathKey}' setting: the directory holding the Parquet/CSV files.");
                }

                break;
            case ConnectionType.Trino:
                if (Url is null)
                {
                    problems.Add($"Connection '{Name}' (trino) needs a '{UrlKey}' setting, e.g. 'http://trino:8080'.");
                }
                else if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    problems.Add($"Connection '{Name}' (trino) has '{UrlKey}' = '{Url}', which is not an absolute http(s) URL.");
                }

                break;
            default:
                problems.Add($"Connection '{Name}' has an unknown type.");
                break;
        }

        return problems;
    }

    /// <summary>Throws a <see cref="ConnectionSettingsException"/> listing every problem, or returns these settings.</summary>
    public ConnectionSettings Validate()
    {
        var problems = Problems();
        return problems.Count == 0 ? this : throw new ConnectionSettingsException(string.Join(" ", problems));
    }

    private static string SuggestName(string? name)
    {
        var cleaned = Regex.Replace((name ?? string.Empty).ToLowerInvariant(), "[^a-z0-9_]", "_").Trim('_');
        return cleaned.Length == 0 || !char.IsLetter(cleaned[0]) ? "c_" + cleaned : cleaned;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex NamePattern();
}
