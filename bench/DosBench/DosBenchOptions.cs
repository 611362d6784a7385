using System.Globalization;

namespace TownLake.DosBench;

/// <summary>Command-line options; every one has a default, so the benchmark runs with none.</summary>
internal sealed record DosBenchOptions(TimeSpan Baseline, TimeSpan Window, TimeSpan Interval, int MaxRuns, string? Catalog, string Out, IReadOnlyList<string> Settings, bool Queries = true)
{
    public static DosBenchOptions Parse(string[] args)
    {
        var options = new DosBenchOptions(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45), TimeSpan.FromMilliseconds(100), 300, null, "bench/results/dos.md", []);
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-queries")
            {
                // Only the requests that must be refused: isolates the GraphQL and ingestion limits from query-front load.
                options = options with { Queries = false };
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--baseline-seconds" => options with { Baseline = TimeSpan.FromSeconds(Positive(args[i], value, 600)) },
                "--window-seconds" => options with { Window = TimeSpan.FromSeconds(Positive(args[i], value, 600)) },
                "--interval-ms" => options with { Interval = TimeSpan.FromMilliseconds(Positive(args[i], value, 60_000)) },
                "--max-runs" => options with { MaxRuns = Positive(args[i], value, 100_000) },
                "--catalog" => options with { Catalog = value },
                "--out" => options with { Out = value },
                // Passed to the service as a command-line setting, e.g. --setting TownLake:Query:MaxRows=1000.
                "--setting" => options,
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --baseline-seconds, --window-seconds, --no-queries, --interval-ms, --max-runs, --catalog, --out, --setting Key=Value."),
            };
            if (args[i] == "--setting")
            {
                settings.Add("--" + value);
            }

            i++;
        }

        return options with { Settings = settings };
    }

    private static int Positive(string name, string value, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 && parsed <= max
            ? parsed
            : throw new ArgumentException($"{name} must be a whole number from 1 to {max} (got '{value}').");
}
