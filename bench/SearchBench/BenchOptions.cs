namespace TownLake.SearchBench;

/// <summary>Minimal <c>--name value</c> / <c>--flag</c> parsing for the subcommands.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'; options start with --.");
            }

            var name = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options._values[name] = hasValue ? args[++i] : null;
        }

        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Get(string name, string fallback) => _values.TryGetValue(name, out var value) && value is not null ? value : fallback;

    public int GetInt(string name, int fallback)
    {
        var text = Get(name, fallback.ToString());
        return int.TryParse(text, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} needs a positive whole number; got '{text}'.");
    }
}
