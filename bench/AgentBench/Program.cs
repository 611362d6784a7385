using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Bench;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Discovery;
using TownLake.Catalog.Users;
using TownLake.Search.Retrieval;

namespace TownLake.AgentBench;

/// <summary>
/// Retrieval within a budget: the Spider tables loaded as datasets <c>spider.&lt;db&gt;.&lt;table&gt;</c>, every question
/// asked of the agent tool <c>search_datasets</c> (JSON API, default limit 10) at 500, 1,000 and 2,000 tokens, and scored
/// by whether the answer names every gold table — beside the unbudgeted complete recall@10 of the same search.
/// A class with <c>Main</c>: top-level statements would clash with the service's <c>Program</c>.
/// </summary>
internal static class AgentBenchProgram
{
    private const string DataPath = "../shared/benchmarks/retrieval/spider";
    private static readonly int[] Budgets = [500, 1_000, 2_000];

    public static async Task<int> Main(string[] args)
    {
        var provenance = RunProvenance.Capture("bench/AgentBench", args);
        var root = RunProvenance.RepositoryRoot();
        var set = RetrievalSet.Load(Path.GetFullPath(Path.Combine(root, DataPath)));
        if (set is null)
        {
            Console.Error.WriteLine($"No retrieval set at {DataPath} (relative to the repository); nothing to measure.");
            return 2;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-agentbench-" + Guid.NewGuid().ToString("N"));
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(Path.Combine(root, "src", "Catalog"));
            builder.UseSetting("TownLake:DataDirectory", dataDirectory);
            builder.UseSetting("TownLake:DemoWarehouse", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        using var http = factory.CreateClient();
        var tables = set.Databases.SelectMany(d => d.Tables.Select(t => new DatasetUpsert
        {
            Name = $"spider.{d.DbId}.{t.Name}",
            Platform = "sqlite",
            Columns = t.Columns.Select(c => new ColumnUpsert { Name = c.Name, Type = c.Type }).ToList(),
        })).ToList();
        await factory.Services.GetRequiredService<DatasetService>().UpsertManyAsync(tables, new Caller("agentbench", ["admins"], true, true), CancellationToken.None);
        var search = factory.Services.GetRequiredService<CatalogSearch>();
        for (var wait = Stopwatch.StartNew(); (await search.SearchAsync(new SearchRequest { Filters = Datasets(), Limit = 1 }, CancellationToken.None)).TotalCount < tables.Count;)
        {
            if (wait.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException("The search index did not take the tables within 60 s.");
            }

            await Task.Delay(200);
        }

        var named = Budgets.ToDictionary(b => b, _ => 0);
        var tokens = Budgets.ToDictionary(b => b, _ => new List<int>());
        var recallAt10 = 0;
        var clock = Stopwatch.StartNew();
        foreach (var question in set.Questions)
        {
            var gold = question.GoldTables.Select(t => $"spider.{question.DbId}.{t}".ToLowerInvariant()).ToHashSet();
            var top = await search.SearchAsync(new SearchRequest { Query = question.Question, Filters = Datasets(), Limit = 10, IncludeFacets = false }, CancellationToken.None);
            recallAt10 += gold.IsSubsetOf(top.Hits.Select(h => h.Document.Name.ToLowerInvariant())) ? 1 : 0;
            foreach (var budget in Budgets)
            {
                using var response = await http.PostAsJsonAsync("/api/agent/search_datasets", new { query = question.Question, budget });
                var text = await response.Content.ReadAsStringAsync();
                response.EnsureSuccessStatusCode();
                var names = JsonNode.Parse(text)!["results"]!.AsArray().Select(r => r!["name"]!.GetValue<string>().ToLowerInvariant());
                named[budget] += gold.IsSubsetOf(names) ? 1 : 0;
                tokens[budget].Add(TokenCount(factory, text));
            }
        }

        clock.Stop();
        var n = set.Questions.Count;
        string Share(int count) => (count / (double)n).ToString("0.000", CultureInfo.InvariantCulture);
        var report = new StringBuilder()
            .AppendLine($"Data: `{DataPath}` — {tables.Count} tables as datasets `spider.<db_id>.<table>` (names and columns only), {n} questions; the question does not say which database.")
            .AppendLine()
            .AppendLine("A question counts when the `search_datasets` answer (JSON API, default limit 10, cut to the budget) names every gold table. Unbudgeted: complete recall@10 of the same search (library call, no card building).")
            .AppendLine()
            .AppendLine("| Answer | Questions fully named | Share | Median tokens | Max tokens |")
            .AppendLine("|---|---|---|---|---|");
        report.AppendLine($"| unbudgeted top 10 | {recallAt10} | {Share(recallAt10)} | – | – |");
        foreach (var budget in Budgets)
        {
            var sorted = tokens[budget].Order().ToList();
            report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| budget {budget:N0} tokens | {named[budget]} | {Share(named[budget])} | {sorted[sorted.Count / 2]} | {sorted[^1]} |"));
        }

        report.AppendLine()
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"{n * Budgets.Length:N0} budgeted calls and {n:N0} unbudgeted searches in {clock.Elapsed.TotalSeconds:0.0} s."));
        var verdicts = new Verdicts();
        verdicts.Check("no answer exceeds its budget", string.Join(", ", Budgets.Select(b => $"{tokens[b].Max()}/{b}")), Budgets.All(b => tokens[b].Max() <= b));
        verdicts.Check("at 1,000 tokens, within 0.05 of the unbudgeted recall@10", Share(named[1_000]), named[1_000] >= recallAt10 - 0.05 * n);
        Console.Write(report);
        await ResultsFile.WriteAsync("agent-retrieval.md", "Agents: retrieval within a token budget", "dotnet run -c Release --project bench/AgentBench", provenance, report.ToString(), verdicts);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }

        return 0;
    }

    private static Dictionary<SearchFacet, IReadOnlyList<string>> Datasets() => new() { [SearchFacet.EntityType] = ["Dataset"] };

    private static int TokenCount(WebApplicationFactory<Program> factory, string text) =>
        factory.Services.GetRequiredService<TownLake.Catalog.Agents.Budgets.TokenCounter>().Count(text);
}
