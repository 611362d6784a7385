using TownLake.Search.Documents;

namespace TownLake.SearchBench.Scale;

/// <summary>
/// The catalog of bench/ReliabilityBench's scale scenario, as the service's search index sees it: datasets
/// <c>scale.l{layer}.{subject}_{n}</c> in 20 layers, each with 20 columns named from ten common ones and the description
/// "Generated {subject} table number {i}", and that scenario's queries ("orders table 12345", "orders customer_id"): words
/// like "table", "column" and the column names are in every document.
/// </summary>
internal static class ScaleCatalog
{
    private const int Layers = 20;
    private static readonly string[] Subjects = ["orders", "customers", "invoices", "sessions", "events", "payments", "shipments", "accounts", "zones", "products"];
    private static readonly string[] Columns = ["id", "created_at", "updated_at", "amount", "currency", "status", "country_code", "customer_id", "account_id", "email"];

    /// <summary>The datasets a run of <paramref name="requested"/> holds: whole layers, as the scenario loads them.</summary>
    public static int Size(int requested) => Math.Max(1, requested / Layers) * Layers;

    public static async IAsyncEnumerable<SearchDocument> Generate(int datasets)
    {
        var perLayer = datasets / Layers;
        for (var i = 0; i < datasets; i++)
        {
            yield return Document(i, perLayer);
        }

        await Task.CompletedTask;
    }

    /// <summary>The scenario's questions, from the same seed: every other one names a table number, the rest a column.</summary>
    public static IReadOnlyList<string> Queries(int count, int datasets, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => i % 2 == 0
                ? $"{Subjects[random.Next(Subjects.Length)]} table {random.Next(datasets)}"
                : $"{Subjects[random.Next(Subjects.Length)]} {Columns[random.Next(Columns.Length)]}")
            .ToList();
    }

    /// <summary>What <c>SearchDocumentMapper.FromDataset</c> makes of the scenario's <c>DatasetUpsert</c>.</summary>
    private static SearchDocument Document(int index, int perLayer)
    {
        var subject = Subjects[index % Subjects.Length];
        var schema = $"l{index / perLayer}";
        var table = $"{subject}_{index % perLayer}";
        return new SearchDocument
        {
            Urn = $"urn:tl:dataset:scale.{schema}.{table}",
            EntityType = SearchEntityType.Dataset,
            Name = $"scale.{schema}.{table}",
            Catalog = "scale",
            Schema = schema,
            Table = table,
            Platform = "postgres",
            Kind = "table",
            Description = $"Generated {subject} table number {index}",
            Columns = Enumerable.Range(0, 20)
                .Select(c => new SearchColumn($"{Columns[c % Columns.Length]}_{c}", c % 3 == 0 ? "BIGINT" : "VARCHAR", $"column {c}"))
                .ToList(),
        };
    }
}
