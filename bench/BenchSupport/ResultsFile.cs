using System.Text;

namespace TownLake.Bench;

/// <summary>
/// Writes one benchmark's whole results file: title, provenance, command, the program's own body, and its checked
/// targets. Commentary that is not measured lives in bench/README.md, never in a results file.
/// </summary>
public static class ResultsFile
{
    public static async Task<string> WriteAsync(string fileName, string title, string command, RunProvenance provenance, string body, Verdicts verdicts, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder()
            .AppendLine("# " + title)
            .AppendLine()
            .AppendLine("<!-- Written by the benchmark program; do not edit by hand (commentary belongs in bench/README.md). -->")
            .AppendLine()
            .AppendLine(provenance.Line + ".")
            .AppendLine()
            .AppendLine($"Machine: {provenance.Machine}. Load average (1/5/15 min) before: {provenance.LoadBefore}, after: {RunProvenance.LoadAverage()}.")
            .AppendLine()
            .AppendLine($"Command: `{command}`")
            .AppendLine()
            .AppendLine(body.TrimEnd())
            .AppendLine()
            .Append(verdicts.Render())
            .ToString();
        var path = Path.Combine(RunProvenance.RepositoryRoot(), "bench", "results", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, cancellationToken);
        Console.WriteLine($"Written to {path}");
        return path;
    }
}
