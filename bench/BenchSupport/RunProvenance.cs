using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TownLake.Bench;

/// <summary>
/// What a benchmark run measured: the commit, the tree of the benchmark program's own folder at that commit, the machine
/// and how busy it was. A run on a working tree with uncommitted changes to <c>src/</c> or <c>bench/</c> is refused
/// (unless <c>--allow-dirty</c>, which the results then say), so the commit a results file names is the code it measured,
/// and <c>BenchResultsTests</c> can tell when a program changed after its results were written.
/// </summary>
public sealed record RunProvenance(string Commit, string ProgramFolder, string ProgramTree, bool Dirty, string Machine, string LoadBefore)
{
    /// <summary>The line every results file carries; <c>BenchResultsTests</c> parses it.</summary>
    public string Line => $"Measured at commit `{Commit}`{(Dirty ? " **with uncommitted changes**" : "")} · program `{ProgramFolder}` tree `{ProgramTree}`";

    /// <summary>Captures the provenance of a run of the program in <paramref name="programFolder"/> (e.g. <c>bench/StoreBench</c>).</summary>
    public static RunProvenance Capture(string programFolder, IReadOnlyList<string> args)
    {
        var root = RepositoryRoot();
        var allowDirty = args.Contains("--allow-dirty");
        var changes = Git(root, "status --porcelain -- src bench");
        var dirty = changes.Length > 0;
        if (dirty && !allowDirty)
        {
            throw new InvalidOperationException(
                "Refusing to measure: src/ or bench/ has uncommitted changes, so the results could not name the code they measured. " +
                "Commit first, or pass --allow-dirty for a trial run (its results say so).\n" + changes);
        }

        return new RunProvenance(Git(root, "rev-parse --short=12 HEAD"), programFolder, Git(root, $"rev-parse --short=12 HEAD:{programFolder}"), dirty, Describe(), LoadAverage());
    }

    /// <summary>The repository root: the nearest folder above the working directory or the program that holds TownLake.sln.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TownLake.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the TownLake repository (TownLake.sln not found above the working directory).");
    }

    /// <summary>The 1/5/15-minute load averages: the machine is shared, so this says how busy it was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Describe()
    {
        var cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        return $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}, {cpu}, " +
               $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    private static string Git(string root, string arguments)
    {
        var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started: benchmarks record the commit they measured.");
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments} failed: {error.Trim()}");
        }

        return output.Trim();
    }
}
