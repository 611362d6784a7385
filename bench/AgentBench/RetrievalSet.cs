using System.Text.Json;
using System.Text.Json.Serialization;

namespace TownLake.AgentBench;

/// <summary>A table retrieval set on disk (tables.json + questions.json), the format of shared/benchmarks/retrieval.</summary>
internal sealed record RetrievalSet(IReadOnlyList<RetrievalDatabase> Databases, IReadOnlyList<RetrievalQuestion> Questions)
{
    public static RetrievalSet? Load(string directory)
    {
        var tables = Path.Combine(directory, "tables.json");
        var questions = Path.Combine(directory, "questions.json");
        return File.Exists(tables) && File.Exists(questions)
            ? new RetrievalSet(
                JsonSerializer.Deserialize<List<RetrievalDatabase>>(File.ReadAllText(tables)) ?? [],
                JsonSerializer.Deserialize<List<RetrievalQuestion>>(File.ReadAllText(questions)) ?? [])
            : null;
    }
}

/// <summary>A database of the set.</summary>
internal sealed record RetrievalDatabase([property: JsonPropertyName("db_id")] string DbId, [property: JsonPropertyName("tables")] IReadOnlyList<RetrievalTable> Tables);

/// <summary>A table with its columns.</summary>
internal sealed record RetrievalTable([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("columns")] IReadOnlyList<RetrievalColumn> Columns);

/// <summary>A column.</summary>
internal sealed record RetrievalColumn([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("type")] string? Type);

/// <summary>A question with the tables its gold SQL reads.</summary>
internal sealed record RetrievalQuestion(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("db_id")] string DbId,
    [property: JsonPropertyName("gold_tables")] IReadOnlyList<string> GoldTables);
