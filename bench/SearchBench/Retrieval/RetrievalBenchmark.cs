using System.Diagnostics;
using System.Text;
using TownLake.Bench;

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

    public static async Task<int> RunAsync(string dataPath, string via, RunProvenance? provenance, CancellationToken cancellationToken)
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
            systems.Add(() => new SearchLibrarySystem(SearchLibrarySystem.WithoutRerankName, joinAware: false));
            systems.Add(() => new SearchLibrarySystem(SearchLibrarySystem.DefaultName, joinAware: true));
        }

        if (via is "all" or "api")
        {
            systems.Add(() => new CatalogApiSystem());
        }

        var report = new StringBuilder()
            .AppendLine($"Data: `{dataPath}` — {set.Databases.Sum(database => database.Tables.Count)} tables of {set.Databases.Count} databases as datasets `spider.<db_id>.<table>` (names and columns only: no descriptions, no foreign keys), {set.Questions.Count} questions; the question does not say which database.")
            .AppendLine()
            .AppendLine("Complete recall@k: a question counts when *all* of its gold tables are in the top k. MRR: reciprocal rank of the first gold table (top 100).")
            .AppendLine()
            .AppendLine("| System | Questions | R@1 | R@2 | R@5 | R@10 | MRR |")
            .AppendLine("|---|---|---|---|---|---|---|");

        var timings = new List<string>();
        var verdicts = new Verdicts();
        var topTens = new Dictionary<string, List<IReadOnlyList<string>>>();
        foreach (var create in systems)
        {
            await using var system = create();
            var loading = Stopwatch.StartNew();
            await system.LoadAsync(set, cancellationToken);
            loading.Stop();
            var all = new RetrievalScore();
            var multi = new RetrievalScore();
            var tops = topTens[system.Name] = [];
            var timer = Stopwatch.StartNew();
            foreach (var question in set.Questions)
            {
                var ranked = await system.RankTablesAsync(question.Question, Depth, cancellationToken);
                tops.Add(ranked.Take(10).ToList());
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
            if (system is not Bm25Baseline && system.Name != SearchLibrarySystem.WithoutRerankName)
            {
                verdicts.Check($"{system.Name}: complete recall@10 ≥ 0.90, all questions", all.CompleteRecallAt(10).ToString("0.000"), all.CompleteRecallAt(10) >= 0.90);
                verdicts.Check($"{system.Name}: complete recall@10 ≥ 0.80, multi-table questions", multi.CompleteRecallAt(10).ToString("0.000"), multi.CompleteRecallAt(10) >= 0.80);
            }
        }

        report.AppendLine();
        if (topTens.TryGetValue(SearchLibrarySystem.DefaultName, out var library) && topTens.TryGetValue(CatalogApiSystem.SystemName, out var service))
        {
            // Measured, not asserted: the service maps datasets to the library's documents, so both should rank alike.
            var same = library.Zip(service).Count(pair => pair.First.SequenceEqual(pair.Second, StringComparer.Ordinal));
            report.AppendLine($"Library (default) and service return the same top 10, in the same order, on {same:N0} of {library.Count:N0} questions.").AppendLine();
        }

        report.AppendLine("Run times (same run):")
            .AppendJoin(Environment.NewLine, timings).AppendLine();
        Console.Write(report);
        if (provenance is not null)
        {
            await ResultsFile.WriteAsync("search-retrieval.md", "Search: table retrieval",
                $"dotnet run -c Release --project bench/SearchBench -- retrieval{(via == "all" ? "" : " --via " + via)}", provenance, report.ToString(), verdicts, cancellationToken);
        }

        return 0;
    }
}
