using System.Diagnostics;
using System.Text;

namespace TownLake.SearchBench.Retrieval;

/// <summary>
/// The <c>retrieval</c> subcommand: loads every table of the set into one catalog, asks every question
/// (without saying which database) and scores complete recall@k and MRR for each system in the same run.
/// </summary>
internal static class RetrievalBenchmark
{
    private const int Depth = 100;

    /// <summary>Which systems run: <c>all</c> (default), <c>library</c> (no service) or <c>api</c> (baseline + service only).</summary>
    public static readonly string[] Modes = ["all", "library", "api"];

    public static async Task<int> RunAsync(string dataPath, string via, string? outputFile, CancellationToken cancellationToken)
    {
        if (!Modes.Contains(via))
        {
            throw new ArgumentException($"--via must be one of {string.Join(", ", Modes)}; got '{via}'.");
        }

        var set = RetrievalSet.Load(RepoPaths.FromRoot(dataPath));
        Console.WriteLine($"{set.Name}: {set.Databases.Sum(database => database.Tables.Count)} tables in {set.Databases.Count} databases, {set.Questions.Count} questions");
        var systems = new List<Func<IRetrievalSystem>> { () => new Bm25Baseline() };
        if (via is "all" or "library")
        {
            systems.Add(() => new SearchLibrarySystem("TownLake search library, join-aware rerank off", joinAware: false));
            systems.Add(() => new SearchLibrarySystem("TownLake search library (default)", joinAware: true));
        }

        if (via is "all" or "api")
        {
            systems.Add(() => new CatalogApiSystem());
        }

        var report = new StringBuilder()
            .AppendLine("# Search: table retrieval")
            .AppendLine()
            .AppendLine($"Machine: {MachineInfo.Describe()}")
            .AppendLine()
            .AppendLine($"Data: `{dataPath}` — {set.Databases.Sum(database => database.Tables.Count)} tables of {set.Databases.Count} databases as datasets `spider.<db_id>.<table>` (names and columns only: no descriptions, no foreign keys), {set.Questions.Count} questions; the question does not say which database.")
            .AppendLine()
            .AppendLine("Complete recall@k: a question counts when *all* of its gold tables are in the top k. MRR: reciprocal rank of the first gold table (top 100).")
            .AppendLine()
            .AppendLine("| System | Questions | R@1 | R@2 | R@5 | R@10 | MRR |")
            .AppendLine("|---|---|---|---|---|---|---|");

        var timings = new List<string>();
        foreach (var create in systems)
        {
            await using var system = create();
            var loading = Stopwatch.StartNew();
            await system.LoadAsync(set, cancellationToken);
            loading.Stop();
            var all = new RetrievalScore();
            var multi = new RetrievalScore();
            var timer = Stopwatch.StartNew();
            foreach (var question in set.Questions)
            {
                var ranked = await system.RankTablesAsync(question.Question, Depth, cancellationToken);
                var gold = question.GoldTables.Select(table => RetrievalSet.TableKey(question.DbId, table)).ToHashSet(StringComparer.Ordinal);
                all.Add(ranked, gold);
                if (gold.Count > 1)
                {
                    multi.Add(ranked, gold);
                }
            }

            timer.Stop();
            report.AppendLine(all.Row(system.Name, "all")).AppendLine(multi.Row(system.Name, "multi-table"));
            timings.Add($"- {system.Name}: load {loading.Elapsed.TotalSeconds:0.0} s, {set.Questions.Count} questions in {timer.Elapsed.TotalSeconds:0.0} s ({timer.Elapsed.TotalMilliseconds / set.Questions.Count:0.0} ms each).");
            Console.WriteLine(timings[^1]);
            Console.WriteLine(all.Row(system.Name, "all"));
            Console.WriteLine(multi.Row(system.Name, "multi-table"));
        }

        report.AppendLine()
            .AppendLine("Targets: complete recall@10 ≥ 0.90 over all questions and ≥ 0.80 over multi-table questions.")
            .AppendLine()
            .AppendLine("Notes:")
            .AppendLine("- The baseline is re-measured in this run. It lands a little below the README's figures (0.744/0.780 all, 0.586/0.632 multi at @5/@10): " +
                        "Lucene 4.8 keeps each document's length in one lossy byte, which blurs BM25's length normalisation on documents this short, and tokenisation details differ.")
            .AppendLine("- The library runs with its defaults (field weights, signal weights, `RerankWeights.Default`); nothing is set per data set. " +
                        "What it adds over the baseline: schema-aware splitting, plural folding, abbreviation expansion, question stop words, per-field weights (name > columns > glossary/tags > descriptions), adjacent-word phrase boosts, " +
                        "fuzzy fallback for unknown words, and the join-aware rerank (schema coherence + tables linked by shared or name-referencing key columns, bridge tables pulled in).")
            .AppendLine("- MRR is over the first gold table; R@1 on multi-table questions is 0 by definition (two tables cannot fit in one slot).")
            .AppendLine("- The service row goes through the public API end to end: the real service (Kestrel on a loopback port, SQLite store in a temporary directory, no demo data) gets each table " +
                        "as one GraphQL `upsertDataset` (name `spider.<db_id>.<table>`, platform, columns with types), its search index follows the store's change feed, and each question is one GraphQL " +
                        "`search(query:, types: [DATASET], first: 100)` request with the service's defaults (facets and highlights computed, join-aware rerank on); the benchmark reads `entity { schema table }` of each result.")
            .AppendLine("- Library and service agree on every question: the service's mapping (`src/Catalog/Search/SearchDocumentMapper.cs`) gives the library the same documents for these tables " +
                        "(name parts, columns with types, platform, kind; no descriptions or keys, so no foreign-key joins) and the same analyzers run on both sides. " +
                        "Equal scores (the same table name and columns in two databases) are ordered by URN; they used to follow Lucene's document order, which differs between " +
                        "the library's parallel bulk build and the service's one-write-at-a-time change feed, and that moved one question's R@2.")
            .AppendLine()
            .AppendLine("Run times (same run; the machine is shared):")
            .AppendJoin(Environment.NewLine, timings).AppendLine()
            .AppendLine()
            .AppendLine($"Load average (1/5/15 min) at the end: {MachineInfo.LoadAverage()}.")
            .AppendLine()
            .AppendLine($"Command: `dotnet run -c Release --project bench/SearchBench -- retrieval{(via == "all" ? "" : " --via " + via)}` (from the repository root).");
        if (outputFile is not null)
        {
            await File.WriteAllTextAsync(outputFile, report.ToString(), cancellationToken);
            Console.WriteLine($"Wrote {outputFile}");
        }

        return 0;
    }
}
