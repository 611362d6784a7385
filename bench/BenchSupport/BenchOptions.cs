using System.Globalization;

namespace TownLake.Bench;

/// <summary>
/// The benchmark programs' command line: <c>--name value</c> options and <c>--flag</c> switches (such as
/// <c>--allow-dirty</c>, which <see cref="RunProvenance"/> reads itself), so every program parses it the same way.
/// </summary>
public sealed class BenchOptions
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

    public int GetInt(string name, int fallback) => checked((int)GetLong(name, fallback));

    public long GetLong(string name, long fallback)
    {
        var text = Get(name, fallback.ToString(CultureInfo.InvariantCulture));
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} needs a positive whole number; got '{text}'.");
    }

    public double GetDouble(string name, double fallback)
    {
        var text = Get(name, fallback.ToString(CultureInfo.InvariantCulture));
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} needs a positive number; got '{text}'.");
    }

    /// <summary>The options as given, without the switches that do not change what is measured (for the results file's command line).</summary>
    public static string Describe(IEnumerable<string> args) => string.Join(' ', args.Where(a => a != "--allow-dirty"));
}
