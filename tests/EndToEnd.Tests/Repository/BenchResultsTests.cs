using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TownLake.EndToEnd.Tests.Repository;

/// <summary>
/// The published benchmark results are evidence only while they come from the programs as they are now: each file
/// under bench/results/ names the commit and the tree of the program folder it was measured with (written by
/// bench/BenchSupport), carries the program's checked targets, and its program has not changed since.
/// </summary>
public sealed partial class BenchResultsTests
{
    public static TheoryData<string> ResultFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root(), "bench", "results"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(ResultFiles))]
    public void Results_file_was_written_by_its_program_as_it_is_now(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(Root(), "bench", "results", fileName));
        var provenance = ProvenanceLine().Match(text);
        Assert.True(provenance.Success, $"bench/results/{fileName} has no 'Measured at commit … program … tree …' line: it was not written through bench/BenchSupport. Re-run its program.");
        Assert.DoesNotContain("with uncommitted changes", provenance.Value, StringComparison.Ordinal);
        Assert.Contains("## Targets", text, StringComparison.Ordinal);

        var folder = provenance.Groups["folder"].Value;
        var current = Git($"rev-parse --short=12 HEAD:{folder}");
        Skip.If(current is null, "git or the repository history is not available here, so the program's tree cannot be compared.");
        Assert.True(current == provenance.Groups["tree"].Value,
            $"bench/results/{fileName} was measured with {folder} at tree {provenance.Groups["tree"].Value}, but the program is now {current}: re-run it (see bench/README.md).");
    }

    [Fact]
    public void Results_files_name_no_target_without_a_verdict()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root(), "bench", "results"), "*.md"))
        {
            var targets = File.ReadAllText(file).Split("## Targets", 2);
            Assert.True(targets.Length == 2, $"{Path.GetFileName(file)} has no Targets section.");
            foreach (var line in targets[1].Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)))
            {
                Assert.Matches(@"— \*\*(meets|misses)\*\*\s*$", line);
            }
        }
    }

    private static string? Git(string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = Root(), RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TownLake.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TownLake.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Measured at commit `(?<commit>[0-9a-f]+)`(?<dirty>[^·]*)· program `(?<folder>[^`]+)` tree `(?<tree>[0-9a-f]+)`")]
    private static partial Regex ProvenanceLine();
}
