namespace TownLake.Catalog.Cli;

/// <summary>What the executable was asked to do.</summary>
public enum CliCommand
{
    /// <summary>No command: start the web service (the arguments are its settings).</summary>
    Serve,

    /// <summary><c>help</c>, <c>--help</c>, <c>-h</c> or <c>-?</c>: print the usage and exit 0.</summary>
    Help,

    /// <summary><c>ingest &lt;connection&gt;</c>.</summary>
    Ingest,

    /// <summary><c>query "&lt;sql&gt;"</c>.</summary>
    Query,

    /// <summary>An unknown command or malformed arguments: print the error and the usage, exit <see cref="CliExitCodes.Usage"/>.</summary>
    Invalid,
}

/// <summary>
/// The parsed command line: the command, its one argument, the settings that follow (<c>--TownLake:Key=value</c> or
/// <c>--TownLake:Key value</c>, read like the service's), or the reason the line is not valid.
/// </summary>
/// <param name="Command">What to do.</param>
/// <param name="Argument">The connection name (ingest) or the SQL (query).</param>
/// <param name="Settings">Configuration arguments passed on to the host builder.</param>
/// <param name="Error">Why the line is <see cref="CliCommand.Invalid"/>.</param>
/// <param name="HelpFor">The command whose help was asked for (<c>query --help</c>), or null for the general usage.</param>
public sealed record CliArguments(CliCommand Command, string? Argument, IReadOnlyList<string> Settings, string? Error = null, CliCommand? HelpFor = null)
{
    private static readonly string[] HelpFlags = ["help", "--help", "-h", "-?", "/?"];

    /// <summary>
    /// Reads <paramref name="args"/>. A first argument that is a word (no leading <c>-</c> or <c>/</c>, no <c>=</c>) is a
    /// command; anything else is the service's own configuration and starts the service, as before the CLI existed.
    /// </summary>
    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return new CliArguments(CliCommand.Serve, null, []);
        }

        var first = args[0];
        if (HelpFlags.Contains(first, StringComparer.OrdinalIgnoreCase))
        {
            return new CliArguments(CliCommand.Help, null, []);
        }

        if (first.StartsWith('-') || first.StartsWith('/') || first.Contains('='))
        {
            return new CliArguments(CliCommand.Serve, null, [.. args]);
        }

        var command = first.ToLowerInvariant() switch
        {
            "ingest" => CliCommand.Ingest,
            "query" => CliCommand.Query,
            _ => CliCommand.Invalid,
        };
        if (command == CliCommand.Invalid)
        {
            return Invalid($"Unknown command '{first}'.");
        }

        if (args.Count > 1 && HelpFlags.Contains(args[1], StringComparer.OrdinalIgnoreCase))
        {
            return new CliArguments(CliCommand.Help, null, [], HelpFor: command);
        }

        if (args.Count < 2 || args[1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[1]))
        {
            return Invalid(command == CliCommand.Ingest ? "ingest needs the name of a connection." : "query needs one SQL statement (in quotes).", command);
        }

        var settings = args.Skip(2).ToList();
        var stray = StrayArgument(settings);
        return stray is null
            ? new CliArguments(command, args[1], settings)
            : Invalid(
                command == CliCommand.Query
                    ? $"Unexpected argument '{stray}': put the whole SQL statement in one pair of quotes."
                    : $"Unexpected argument '{stray}': ingest takes one connection; settings are written --TownLake:Key=value.",
                command);
    }

    /// <summary>The first argument that is neither a <c>--key=value</c> / <c>--key value</c> setting nor a setting's value.</summary>
    private static string? StrayArgument(IReadOnlyList<string> settings)
    {
        for (var i = 0; i < settings.Count; i++)
        {
            var argument = settings[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                return argument;
            }

            if (!argument.Contains('=') && i + 1 < settings.Count && !settings[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                i++; // --Key value
            }
        }

        return null;
    }

    private static CliArguments Invalid(string error, CliCommand? command = null) => new(CliCommand.Invalid, null, [], error, command);
}

/// <summary>The exit codes of the command line.</summary>
public static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and failed: unknown connection, failed query.</summary>
    public const int Failed = 1;

    /// <summary>A setting is wrong: the operator's to fix.</summary>
    public const int BadSettings = 2;

    /// <summary>The command line itself is wrong (BSD's EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>Stopped with Ctrl+C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
