using TownLake.Catalog.Governance;
using static TownLake.Catalog.Tests.Governance.Scanning.ScanningTestColumns;

namespace TownLake.Catalog.Tests.Governance.Scanning;

/// <summary>Values an attacker or a broken source can put in a column: the classifier answers, in bounded time, without throwing.</summary>
public sealed class HostileValueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Huge_values_are_classified_without_blowing_up()
    {
        var huge = new string('A', 1_000_000) + "@example.com";
        var finding = await Task.Run(() => Classifier.Classify(Column("blob_text", Enumerable.Repeat<string?>(huge, 200)))).WaitAsync(Bound);
        Assert.Equal(PiiCategory.None, finding.Category);
    }

    [Fact]
    public async Task Binary_garbage_control_characters_and_broken_surrogates_are_no_pii()
    {
        var random = new Random(3);
        var values = Generate(500, (r, _) => new string(Enumerable.Range(0, r.Next(1, 200)).Select(_ => (char)r.Next(0, 0xFFFF)).ToArray()), seed: 3).ToList();
        values.Add("\uD800\uD800@\uDC00.com");
        values.Add("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        var finding = await Task.Run(() => Classifier.Classify(Column("payload", values))).WaitAsync(Bound);
        Assert.Equal(PiiCategory.None, finding.Category);
    }

    [Fact]
    public async Task Unicode_names_and_addresses_are_read_without_errors()
    {
        string[] values = ["Zoë Müller", "Søren Ødegård", "José Álvarez", "محمد علي", "李 伟", "Ana 👩‍💻 Pereira", "Ma\u0301ria Garcí\u0301a", "Ǆemal Čolić"];
        var finding = await Task.Run(() => Classifier.Classify(Column("full_name", Generate(300, (r, _) => values[r.Next(values.Length)])))).WaitAsync(Bound);
        Assert.Equal(PiiCategory.PersonName, finding.Category);
    }

    [Fact]
    public void All_null_and_blank_columns_are_classified_from_the_name_alone()
    {
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("misc", Enumerable.Repeat<string?>(null, 1_000))).Category);
        Assert.Equal(PiiCategory.None, Classifier.Classify(Column("misc", Enumerable.Repeat<string?>("   ", 1_000))).Category);
        Assert.Equal(PiiCategory.Email, Classifier.Classify(Column("email", Enumerable.Repeat<string?>(null, 1_000))).Category);
    }

    [Fact]
    public async Task Hostile_column_names_and_comments_are_bounded()
    {
        var name = string.Concat(Enumerable.Repeat("email_", 200_000));
        var comment = string.Concat(Enumerable.Repeat("ssn password ", 500_000));
        var finding = await Task.Run(() => Classifier.Classify(Column(name, ["x"], comment: comment))).WaitAsync(Bound);
        Assert.NotNull(finding);
    }

    [Fact]
    public async Task Near_miss_floods_do_not_slow_the_matchers_down()
    {
        // Values shaped to get past each matcher's first checks: long digit runs, many dots, colons, at signs.
        string[] shapes = [new string('9', 5_000), string.Join('.', Enumerable.Repeat("255", 2_000)), string.Join(':', Enumerable.Repeat("ffff", 2_000)),
            string.Join('@', Enumerable.Repeat("a.b", 2_000)), "-----BEGIN " + new string('X', 100_000), "eyJ" + string.Join('.', Enumerable.Repeat("eyJ", 3))];
        var finding = await Task.Run(() => Classifier.Classify(Column("c", Generate(1_000, (r, i) => shapes[i % shapes.Length])))).WaitAsync(Bound);
        Assert.Equal(PiiCategory.None, finding.Category);
    }
}
