using DuckDB.NET.Data;
using TownLake.Catalog.Governance;

namespace TownLake.ScannerBench;

/// <summary>A generated DuckDB warehouse whose every column carries its true category.</summary>
public sealed class LabelledWarehouse : IDisposable
{
    private static readonly string[] TableNouns = ["orders", "events", "shipments", "accounts_ledger", "sessions", "payments", "tickets", "devices", "signups", "invoices", "profiles", "visits"];

    private LabelledWarehouse(string directory, string path, Dictionary<(string Table, string Column), (PiiCategory Label, string Kind)> labels, IReadOnlyList<string> tables)
    {
        Directory = directory;
        Path = path;
        Labels = labels;
        Tables = tables;
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>True category and family of every column, by table and column name.</summary>
    public IReadOnlyDictionary<(string Table, string Column), (PiiCategory Label, string Kind)> Labels { get; }

    public IReadOnlyList<string> Tables { get; }

    /// <summary>
    /// Writes <paramref name="tables"/> tables of <paramref name="columns"/> columns and <paramref name="rows"/> rows.
    /// Every family appears (the first tables cycle through them all), the rest are drawn at random; about one column in
    /// three of the families that allow it gets a neutral name.
    /// </summary>
    public static LabelledWarehouse Create(int tables, int columns, int rows, int seed)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "townlake-scannerbench-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, "warehouse.duckdb");
        var random = new Random(seed);
        var labels = new Dictionary<(string, string), (PiiCategory, string)>();
        var names = new List<string>();
        using var connection = new DuckDBConnection($"DataSource={path}");
        connection.Open();
        var familyIndex = 0;
        for (var t = 0; t < tables; t++)
        {
            var table = $"{TableNouns[t % TableNouns.Length]}_{t:0000}";
            names.Add(table);
            var chosen = new List<(string Name, ColumnFamily Family)>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < columns; c++)
            {
                var family = familyIndex < Families.All.Count ? Families.All[familyIndex++] : Families.All[random.Next(Families.All.Count)];
                var name = family.NeutralNameAllowed && random.Next(3) == 0 ? $"attr_{c:00}" : family.Names[random.Next(family.Names.Length)];
                if (!used.Add(name))
                {
                    name = $"{name}_{c:00}";
                    used.Add(name);
                }

                chosen.Add((name, family));
                labels[(table, name)] = (family.Label, family.Kind);
            }

            using (var create = connection.CreateCommand())
            {
                create.CommandText = $"CREATE TABLE {table} ({string.Join(", ", chosen.Select(c => $"\"{c.Name}\" {c.Family.SqlType}"))})";
                create.ExecuteNonQuery();
            }

            using var appender = connection.CreateAppender(table);
            for (var row = 0; row < rows; row++)
            {
                var line = appender.CreateRow();
                foreach (var (_, family) in chosen)
                {
                    var value = random.NextDouble() < family.NullShare ? null : family.Value(random);
                    switch (value)
                    {
                        case null: line.AppendNullValue(); break;
                        case string s: line.AppendValue(s); break;
                        case DateOnly d: line.AppendValue(d); break;
                        case DateTime dt: line.AppendValue(dt); break;
                        case double f: line.AppendValue(f); break;
                        case int i: line.AppendValue(i); break;
                        case bool b: line.AppendValue(b); break;
                        default: throw new InvalidOperationException($"No appender for {value.GetType()}.");
                    }
                }

                line.EndRow();
            }
        }

        return new LabelledWarehouse(directory, path, labels, names);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp directory left behind is harmless
        }
    }
}
