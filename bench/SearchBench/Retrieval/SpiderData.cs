using System.Text.Json;
using System.Text.Json.Serialization;

namespace TownLake.SearchBench.Retrieval;

/// <summary>A database of the retrieval set: its id and tables.</summary>
internal sealed record RetrievalDatabase([property: JsonPropertyName("db_id")] string DbId, [property: JsonPropertyName("tables")] IReadOnlyList<RetrievalTable> Tables);

/// <summary>A table with its columns, as tables.json gives it.</summary>
internal sealed record RetrievalTable(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("columns")] IReadOnlyList<RetrievalColumn> Columns);

/// <summary>A column as tables.json gives it.</summary>
internal sealed record RetrievalColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("type")] string? Type);

/// <summary>A question with the tables its gold SQL reads.</summary>
internal sealed record RetrievalQuestion(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("db_id")] string DbId,
    [property: JsonPropertyName("gold_tables")] IReadOnlyList<string> GoldTables);

/// <summary>A retrieval set on disk (tables.json + questions.json), e.g. the Spider dev set.</summary>
internal sealed record RetrievalSet(string Name, IReadOnlyList<RetrievalDatabase> Databases, IReadOnlyList<RetrievalQuestion> Questions)
{
    public static RetrievalSet Load(string directory)
    {
        var tables = Path.Combine(directory, "tables.json");
        var questions = Path.Combine(directory, "questions.json");
        if (!File.Exists(tables) || !File.Exists(questions))
        {
            throw new FileNotFoundException($"Expected tables.json and questions.json in {directory} (see shared/benchmarks/retrieval/README.md).");
        }

        return new RetrievalSet(
            new DirectoryInfo(directory).Name,
            JsonSerializer.Deserialize<List<RetrievalDatabase>>(File.ReadAllText(tables)) ?? [],
            JsonSerializer.Deserialize<List<RetrievalQuestion>>(File.ReadAllText(questions)) ?? []);
    }

    /// <summary>The key a table is scored by: <c>db_id.table</c>, lowercased.</summary>
    public static string TableKey(string dbId, string table) => $"{dbId}.{table}".ToLowerInvariant();
}
