using System.Text;
using TownLake.Bench;

namespace TownLake.LoaderBench;

/// <summary>One page size on one store: store calls per request (lowest and highest over the runs) and latency.</summary>
internal sealed record BenchRow(string Store, int First, int MinCalls, int MaxCalls, double P50Ms, double P95Ms, string Calls)
{
    public override string ToString() => $"{Store} first={First}: {MinCalls}-{MaxCalls} store calls, p50 {P50Ms:F1} ms, p95 {P95Ms:F1} ms ({Calls})";
}

/// <summary>One run of the benchmark: what was measured, where, and on which commit.</summary>
internal sealed record Measurement(string Commit, string Date, string Machine, string LoadAverage, int Datasets, int Runs, int Seconds, IReadOnlyList<BenchRow> Rows, IReadOnlyList<string> Notes);

/// <summary>Writes bench/results/graphql-loaders.md: this run, the "before" run when given, and the verdict.</summary>
internal static class LoaderReport
{
    public static string Render(Measurement after, Measurement? before, Verdicts verdicts)
    {
        var report = new StringBuilder()
            .AppendLine("The \"before\" figures come from the same program built against the commit before the loaders, run with `--save-json`; its JSON is kept as `bench/LoaderBench/baseline-00b56e0.json`.")
            .AppendLine()
            .AppendLine($"The query, through the real `/graphql` endpoint in process, for first = {string.Join(", ", after.Rows.Select(r => r.First).Distinct())}:")
            .AppendLine()
            .AppendLine("```graphql")
            .AppendLine(LoaderBenchmark.Query)
            .AppendLine("```")
            .AppendLine()
            .AppendLine($"Catalog: {after.Datasets} datasets, each with a user and a group owner, two of {BenchCatalog.Terms} glossary terms, a domain, lineage both ways, " +
                        $"and {after.Datasets * 2} audited queries. Store round trips are calls through the store interface made while serving one request, " +
                        "counted by a recording proxy around the store (background work such as search indexing is not counted); " +
                        $"latency is the whole HTTP request in process, {after.Runs} runs after 3 warm-up runs per row. PostgreSQL is a throwaway local cluster (fsync off).")
            .AppendLine();
        Section(report, "After", after);
        foreach (var store in after.Rows.GroupBy(r => r.Store))
        {
            var constant = store.All(r => r.MinCalls == r.MaxCalls) && store.Select(r => r.MaxCalls).Distinct().Count() == 1;
            verdicts.Check($"{store.Key}: store round trips constant in page size", string.Join(" / ", store.Select(r => $"{Calls(r)} at {r.First}")), constant);
        }

        if (before is not null)
        {
            Section(report, "Before", before);
            report.AppendLine("## Change").AppendLine().AppendLine("| store | first | round trips before | after | p50 before | after |").AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var row in after.Rows)
            {
                var old = before.Rows.FirstOrDefault(r => r.Store == row.Store && r.First == row.First);
                report.AppendLine($"| {row.Store} | {row.First} | {(old is null ? "–" : Calls(old))} | {Calls(row)} | {(old is null ? "–" : $"{old.P50Ms:F1} ms")} | {row.P50Ms:F1} ms |");
            }

            report.AppendLine();
        }

        return report.ToString();
    }

    private static void Section(StringBuilder report, string title, Measurement run)
    {
        report.AppendLine($"## {title}: {run.Commit}")
            .AppendLine()
            .AppendLine($"Run {run.Date}, {run.Seconds} s in all. {string.Join(" ", run.Notes)}".TrimEnd())
            .AppendLine()
            .AppendLine("| store | first | store round trips per request | p50 | p95 | calls by method (last run) |")
            .AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var row in run.Rows)
        {
            report.AppendLine($"| {row.Store} | {row.First} | {Calls(row)} | {row.P50Ms:F1} ms | {row.P95Ms:F1} ms | {row.Calls} |");
        }

        report.AppendLine();
        foreach (var store in run.Rows.GroupBy(r => r.Store))
        {
            var constant = store.All(r => r.MinCalls == r.MaxCalls) && store.Select(r => r.MaxCalls).Distinct().Count() == 1;
            var counts = string.Join(" / ", store.Select(r => $"{Calls(r)} at {r.First}"));
            report.AppendLine($"- {store.Key}: round trips constant in page size: {(constant ? "yes" : "no")} ({counts}).");
        }

        report.AppendLine();
    }

    private static string Calls(BenchRow row) => row.MinCalls == row.MaxCalls ? row.MinCalls.ToString() : $"{row.MinCalls}–{row.MaxCalls}";
}
