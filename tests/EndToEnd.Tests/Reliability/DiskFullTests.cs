using TownLake.ServiceProcess;
using System.Diagnostics;

namespace TownLake.EndToEnd.Tests.Reliability;

/// <summary>
/// The data directory on a small, size-limited file system (a real tmpfs mount, so the disk really fills): writes
/// are refused with STORAGE_FULL once it is full, nothing acknowledged is lost, and after space is freed and a restart
/// the index opens intact and every acknowledged write is searchable.
/// </summary>
public sealed class DiskFullTests
{
    [SkippableFact]
    public async Task A_full_disk_refuses_writes_clearly_and_loses_nothing_acknowledged()
    {
        var mountPoint = TestData.NewDirectory("diskfull");
        Directory.CreateDirectory(mountPoint);
        var mounted = await RunAsync("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mountPoint);
        Skip.If(mounted != 0, "mounting a size-limited tmpfs needs root (mount -t tmpfs); this test fills a real file system");
        var data = Path.Combine(mountPoint, "data");
        try
        {
            var acknowledged = new List<string>();
            string? refusal = null;
            await using (var service = await CatalogProcess.StartAsync(data))
            {
                await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
                // Leave a little room, then write large datasets until the disk refuses one.
                await FillAsync(Path.Combine(mountPoint, "filler"), leave: 3 * 1024 * 1024);
                // Within the 64 KiB description limit; the document and its history row make each write a few hundred KiB.
                var description = new string('x', 60_000);
                for (var i = 0; i < 200 && refusal is null; i++)
                {
                    var name = $"full.s.t{i}";
                    var (_, body) = await service.GraphQLAsync("mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }",
                        new { input = new { name, description } });
                    if (body["errors"] is null)
                    {
                        acknowledged.Add(name);
                    }
                    else
                    {
                        refusal = (string?)body["errors"]![0]!["extensions"]?["code"];
                    }
                }

                Assert.Equal("STORAGE_FULL", refusal);
                File.Delete(Path.Combine(mountPoint, "filler"));
                Assert.True(await service.UpsertDatasetAsync("full.s.after_freeing"), "a write after space was freed failed");
                acknowledged.Add("full.s.after_freeing");
                Assert.Equal(0, await service.TerminateAsync(TimeSpan.FromSeconds(30)));
            }

            await using var restarted = await CatalogProcess.StartAsync(data);
            await restarted.WaitReadyAsync(TimeSpan.FromSeconds(60));
            Assert.Contains("Search index OpenedExisting", restarted.LogText);
            var missing = await TestData.UnsearchableAsync(restarted, acknowledged);
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes are not searchable: {string.Join(", ", missing.Take(5))}");
        }
        finally
        {
            await RunAsync("umount", "-l", mountPoint);
            TestData.Delete(mountPoint);
        }
    }

    /// <summary>Writes a file until only <paramref name="leave"/> bytes are free on its file system.</summary>
    private static async Task FillAsync(string path, long leave)
    {
        var free = new DriveInfo(Path.GetDirectoryName(path)!).AvailableFreeSpace;
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        var chunk = new byte[1024 * 1024];
        for (long written = 0; written + chunk.Length <= free - leave; written += chunk.Length)
        {
            await file.WriteAsync(chunk);
        }
    }

    private static async Task<int> RunAsync(string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
