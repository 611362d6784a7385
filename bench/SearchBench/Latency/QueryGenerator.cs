namespace TownLake.SearchBench.Latency;

/// <summary>Realistic catalog searches: keywords, table names, plain-English questions and typos.</summary>
internal sealed class QueryGenerator(int seed)
{
    private static readonly string[] Questions =
    [
        "how many {0} did we have last month", "which table has {0} {1}", "total {1} by {0}", "where can I find {0} data",
        "{0} {1} per region", "monthly {0} revenue", "list {0} with their {1}", "{0} and {1} joined", "latest {0} status",
    ];

    private static readonly string[] Measures = ["amount", "count", "status", "email", "revenue", "balance", "quantity", "price", "churn", "segment"];

    /// <summary>The kinds of query, in the order they rotate: query <c>i</c> is of kind <c>i % 5</c>.</summary>
    public static readonly string[] Kinds = ["single word", "entity + measure", "plain-English question", "table name", "misspelt word (fuzzy)"];

    private readonly Random _random = new(seed);

    public IReadOnlyList<string> Generate(int count)
    {
        var queries = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var entity = CatalogGenerator.Entities[_random.Next(CatalogGenerator.Entities.Length)].Replace('_', ' ');
            var measure = Measures[_random.Next(Measures.Length)];
            queries.Add((i % 5) switch
            {
                0 => entity,
                1 => $"{entity} {measure}",
                2 => string.Format(Questions[_random.Next(Questions.Length)], entity, measure),
                3 => $"fct_{entity.Replace(' ', '_')}",
                _ => Typo(entity) + " " + measure,
            });
        }

        return queries;
    }

    private string Typo(string word)
    {
        if (word.Length < 5)
        {
            return word;
        }

        var position = _random.Next(1, word.Length - 1);
        return word.Remove(position, 1);
    }
}
