using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Lineage.Impact;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// <c>get_lineage</c>: where a dataset's (or a column's) data comes from and what it feeds, nearest first, with the
/// SQL expression behind each column edge and the job that makes it; as many edges as the budget holds. Looking
/// downstream, the dataset's latest schema changes say which downstream columns and jobs each broke.
/// </summary>
public sealed class LineageTool(LineageService lineage, DatasetService datasets, ISchemaChangeImpactStore schemaImpacts, AnswerFitter fitter)
{
    private const int MaxNodes = 2_000;

    public AgentTool Tool => new(
        "get_lineage",
        "Lineage",
        "Where a dataset's or a column's data comes from (upstream) and what it feeds (downstream), nearest first: the datasets reached with their distance, and the edges as from → to with the SQL expression and job behind each. Give a column (catalog.schema.table.column) for column-level lineage.",
        [
            AgentToolParameter.String("dataset", "A dataset (catalog.schema.table), or a column (catalog.schema.table.column) for column-level lineage.", required: true, example: "demo.fct.billings_allocated.alloc_amount") with { MaxLength = 1_000 },
            AgentToolParameter.String("direction", "upstream, downstream or both (default both).", example: "upstream") with { Values = ["upstream", "downstream", "both"] },
            AgentToolParameter.Integer("depth", $"How many hops (1-{LineageService.MaxDepth}, default 3).", 1, LineageService.MaxDepth, 3),
            AgentToolParameter.Boolean("columns", "Include column-level edges for a dataset (default false; always true for a column)."),
        ],
        RunAsync)
    {
        Example = "get_lineage({ dataset: \"demo.fct.arr_by_account\", direction: \"upstream\" })",
    };

    private async Task<object> RunAsync(AgentToolCall call)
    {
        var reference = call.Arguments.RequiredString("dataset").Trim();
        var direction = Enum.Parse<LineageDirection>(call.Arguments.String("direction") ?? "both", ignoreCase: true);
        var depth = call.Arguments.Int("depth") ?? 3;
        var (dataset, column) = await TargetAsync(reference, call.CancellationToken);
        var columns = column is not null || (call.Arguments.Bool("columns") ?? false);

        var graphs = new List<LineageGraph>();
        if (direction != LineageDirection.Downstream)
        {
            graphs.Add(await lineage.GetGraphAsync(dataset.Urn, LineageDirection.Upstream, depth, columns, MaxNodes, call.CancellationToken));
        }

        if (direction != LineageDirection.Upstream)
        {
            graphs.Add(await lineage.GetGraphAsync(dataset.Urn, LineageDirection.Downstream, depth, columns, MaxNodes, call.CancellationToken));
        }

        var edges = graphs.SelectMany(g => g.Edges)
            .Where(e => columns ? e.IsColumnEdge : e.UpstreamColumn.Length == 0 && e.DownstreamColumn.Length == 0)
            .DistinctBy(e => (e.UpstreamUrn, e.UpstreamColumn, e.DownstreamUrn, e.DownstreamColumn))
            .ToList();
        if (column is not null)
        {
            edges = ColumnPaths(edges, dataset.Urn, column, direction);
        }

        var depths = graphs.SelectMany(g => g.Nodes).Where(n => n.Column is null).GroupBy(n => n.DatasetUrn).ToDictionary(g => g.Key, g => g.Min(n => n.Depth));
        var ordered = edges.OrderBy(e => Math.Min(depths.GetValueOrDefault(e.UpstreamUrn, 99), depths.GetValueOrDefault(e.DownstreamUrn, 99))).ToList();
        var upstream = graphs.Count > 0 && direction != LineageDirection.Downstream ? graphs[0].Nodes.Where(n => n.Column is null && n.Depth > 0).Select(n => new { dataset = Name(n.DatasetUrn), depth = n.Depth }).ToList() : null;
        var downstream = direction != LineageDirection.Upstream ? graphs[^1].Nodes.Where(n => n.Column is null && n.Depth > 0).Select(n => new { dataset = Name(n.DatasetUrn), depth = n.Depth }).ToList() : null;
        var schemaChanges = direction != LineageDirection.Upstream ? await SchemaChangesAsync(dataset.Urn, column, call.CancellationToken) : null;

        object Render(int count) => new
        {
            entity = column is null ? dataset.Name : $"{dataset.Name}.{column}",
            direction = direction.ToString().ToLowerInvariant(),
            depth,
            upstream,
            downstream,
            schemaChanges,
            edges = ordered.Take(count).Select(e => new
            {
                from = e.UpstreamColumn.Length > 0 ? $"{Name(e.UpstreamUrn)}.{e.UpstreamColumn}" : Name(e.UpstreamUrn),
                to = e.DownstreamColumn.Length > 0 ? $"{Name(e.DownstreamUrn)}.{e.DownstreamColumn}" : Name(e.DownstreamUrn),
                via = e.Transformation,
                expression = AnswerFitter.Clip(e.Expression, 300),
                job = e.JobUrn,
            }).ToList(),
            edgesOmitted = count < ordered.Count ? ordered.Count - count : (int?)null,
            truncated = count < ordered.Count || graphs.Any(g => g.Truncated) ? true : (bool?)null,
            hint = count < ordered.Count ? "The nearest edges are shown; lower 'depth', pick one direction, or ask about one column." : null,
        };

        var fitting = fitter.Largest(ordered.Count, Render, call.Budget);
        var answer = Render(fitting);
        if (!fitter.Fits(answer, call.Budget))
        {
            // Thousands of reached datasets: keep the nearest ones only.
            upstream = upstream?.Take(20).ToList();
            downstream = downstream?.Take(20).ToList();
            schemaChanges = schemaChanges?.Take(1).ToList();
            answer = Render(fitter.Largest(ordered.Count, Render, call.Budget));
        }

        if (!fitter.Fits(answer, call.Budget))
        {
            schemaChanges = null;
            answer = Render(fitter.Largest(ordered.Count, Render, call.Budget));
        }

        return answer;
    }

    /// <summary>The dataset's latest breaking schema changes (of one column, when asked about one) and what each reached.</summary>
    private async Task<List<object>?> SchemaChangesAsync(string datasetUrn, string? column, CancellationToken cancellationToken)
    {
        var impacts = await schemaImpacts.ListSchemaChangeImpactsAsync(datasetUrn, 3, cancellationToken);
        var shown = impacts
            .Select(i => (Impact: i, Changes: i.Changes.Where(c => column is null || string.Equals(c.Column, column, StringComparison.OrdinalIgnoreCase)).ToList()))
            .Where(i => i.Changes.Count > 0)
            .Select(i => (object)new
            {
                schemaVersion = i.Impact.SchemaVersion,
                at = i.Impact.At,
                changes = i.Changes.Select(c => c.Kind switch
                {
                    SchemaChangeKind.Renamed => $"{c.Column} renamed to {c.NewName}",
                    SchemaChangeKind.Retyped => $"{c.Column} retyped {c.OldType} -> {c.NewType}",
                    _ => $"{c.Column} dropped",
                }).ToList(),
                brokenColumns = i.Impact.Columns.Where(r => i.Changes.Any(c => c.Column == r.Source)).Take(50).Select(r => $"{Name(r.DatasetUrn)}.{r.Column}").ToList(),
                jobs = i.Impact.Jobs.Take(20).ToList(),
            })
            .ToList();
        return shown.Count == 0 ? null : shown;
    }

    private async Task<(Dataset Dataset, string? Column)> TargetAsync(string reference, CancellationToken cancellationToken)
    {
        var parts = reference.Split('.');
        if (parts.Length > 3)
        {
            var dataset = await datasets.GetByNameAsync(string.Join('.', parts.Take(3)), cancellationToken);
            var column = dataset.FindColumn(string.Join('.', parts.Skip(3)))
                ?? throw CatalogException.NotFound($"{dataset.Name} has no column {InputEcho.Quote(string.Join('.', parts.Skip(3)))}; list_schema_fields shows its columns.");
            return (dataset, column.Name);
        }

        return (await datasets.GetByNameAsync(reference, cancellationToken), null);
    }

    /// <summary>The column edges on paths through one column, followed hop by hop in the asked directions.</summary>
    private static List<LineageEdge> ColumnPaths(List<LineageEdge> edges, string datasetUrn, string column, LineageDirection direction)
    {
        var kept = new HashSet<LineageEdge>();
        if (direction != LineageDirection.Downstream)
        {
            Follow(edges, (datasetUrn, column), e => (e.DownstreamUrn, e.DownstreamColumn), e => (e.UpstreamUrn, e.UpstreamColumn), kept);
        }

        if (direction != LineageDirection.Upstream)
        {
            Follow(edges, (datasetUrn, column), e => (e.UpstreamUrn, e.UpstreamColumn), e => (e.DownstreamUrn, e.DownstreamColumn), kept);
        }

        return edges.Where(kept.Contains).ToList();
    }

    private static void Follow(List<LineageEdge> edges, (string, string) start, Func<LineageEdge, (string, string)> near, Func<LineageEdge, (string, string)> far, HashSet<LineageEdge> kept)
    {
        var seen = new HashSet<(string, string)> { start };
        var frontier = new Queue<(string, string)>([start]);
        while (frontier.Count > 0)
        {
            var at = frontier.Dequeue();
            foreach (var edge in edges.Where(e => near(e).Item1 == at.Item1 && string.Equals(near(e).Item2, at.Item2, StringComparison.OrdinalIgnoreCase)))
            {
                kept.Add(edge);
                if (seen.Add(far(edge)))
                {
                    frontier.Enqueue(far(edge));
                }
            }
        }
    }

    private static string Name(string datasetUrn) => Urn.DatasetNameOf(datasetUrn).ToString();
}
