using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TownLake.UiBench;

/// <summary>The self time of a V8 CPU profile (DevTools <c>Profiler.stop</c>) by script and by function, biggest first.</summary>
public static class CpuProfileSummary
{
    public static string Of(JsonElement profile, int top = 20)
    {
        var frames = new Dictionary<int, (string Function, string Script)>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var url = frame.GetProperty("url").GetString() ?? "";
            var script = url.Length == 0 ? "(native)" : url[(url.LastIndexOf('/') + 1)..];
            var function = frame.GetProperty("functionName").GetString() is { Length: > 0 } name ? name : "(anonymous)";
            frames[node.GetProperty("id").GetInt32()] = ($"{function} {script}:{frame.GetProperty("lineNumber").GetInt32() + 1}:{frame.GetProperty("columnNumber").GetInt32() + 1}", script);
        }

        var byFunction = new Dictionary<string, double>();
        var byScript = new Dictionary<string, double>();
        var samples = profile.GetProperty("samples").EnumerateArray().Select(s => s.GetInt32()).ToList();
        var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(d => d.GetDouble() / 1000).ToList();
        for (var i = 0; i + 1 < samples.Count; i++)
        {
            // A sample's time runs until the next sample.
            var (function, script) = frames[samples[i]];
            byFunction[function] = byFunction.GetValueOrDefault(function) + deltas[i + 1];
            byScript[script] = byScript.GetValueOrDefault(script) + deltas[i + 1];
        }

        var text = new StringBuilder("\n  CPU self time by script:");
        foreach (var (script, ms) in byScript.OrderByDescending(p => p.Value).Take(10))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    {ms,7:F1} ms  {script}");
        }

        text.Append("\n  CPU self time by function:");
        foreach (var (function, ms) in byFunction.OrderByDescending(p => p.Value).Take(top))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    {ms,7:F1} ms  {function}");
        }

        return text.ToString();
    }
}
