using TownLake.Engine.Connectors.Files;

namespace TownLake.Engine.Tests.Connectors;

/// <summary>Attacks that plant symbolic links in a files connection to read outside it (issue 11, finding 8).</summary>
public sealed class FileLayoutSymlinkTests : IDisposable
{
    private readonly TestFiles _lake = new();
    private readonly TestFiles _outside = new();

    [SkippableFact]
    public void A_linked_file_pointing_out_of_the_lake_is_not_a_dataset()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        _lake.Csv("crm/contacts.csv", "SELECT 1 AS id");
        var secret = _outside.Csv("passwd.csv", "SELECT 'root' AS user");
        File.CreateSymbolicLink(_lake.PathOf("crm/passwd.csv"), secret);
        File.CreateSymbolicLink(_lake.PathOf("etc.csv"), "/etc/passwd");
        var warnings = new List<string>();

        var datasets = FileLayout.Scan(_lake.Root, warnings);

        Assert.Equal(["crm.contacts"], datasets.Select(d => $"{d.Schema}.{d.Name}"));
        Assert.Contains(warnings, w => w.Contains("passwd.csv", StringComparison.Ordinal) && w.Contains("out of", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("etc.csv", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_linked_directory_or_a_link_inside_a_partitioned_dataset_pointing_out_is_skipped()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        _outside.Parquet("stolen/part.parquet", "SELECT 1 AS id");
        _outside.Parquet("one.parquet", "SELECT 2 AS id");
        Directory.CreateSymbolicLink(Path.Combine(_lake.Root, "stolen"), Path.Combine(_outside.Root, "stolen"));
        _lake.Parquet("events/year=2024/p.parquet", "SELECT 3 AS id");
        File.CreateSymbolicLink(_lake.PathOf("events/year=2025/p.parquet"), Path.Combine(_outside.Root, "one.parquet"));

        var datasets = FileLayout.Scan(_lake.Root, []);

        Assert.Empty(datasets);
    }

    [SkippableFact]
    public void A_link_that_stays_inside_the_lake_still_works()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        var real = _lake.Csv("_archive/contacts_v2.csv", "SELECT 1 AS id");
        File.CreateSymbolicLink(_lake.PathOf("crm/contacts.csv"), Path.Combine("..", "_archive", Path.GetFileName(real)));

        var datasets = FileLayout.Scan(_lake.Root, []);

        Assert.Equal(["crm.contacts"], datasets.Select(d => $"{d.Schema}.{d.Name}"));
    }

    [SkippableFact]
    public void A_link_loop_is_skipped_not_followed_forever()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        File.CreateSymbolicLink(_lake.PathOf("a.csv"), _lake.PathOf("b.csv"));
        File.CreateSymbolicLink(_lake.PathOf("b.csv"), _lake.PathOf("a.csv"));
        var warnings = new List<string>();

        var datasets = FileLayout.Scan(_lake.Root, warnings);

        Assert.Empty(datasets);
        Assert.NotEmpty(warnings);
    }

    public void Dispose()
    {
        _lake.Dispose();
        _outside.Dispose();
    }
}
