using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.Lineage.Runs;
using TownLake.Catalog.Tags;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>Marquez search, tags and the lineage graph nodes completed for the caller.</summary>
public sealed partial class MarquezReadService
{
    /// <summary>
    /// Marquez's search: datasets and jobs whose name contains the query (case-insensitive; <c>%</c> matches
    /// any run of characters and <c>_</c> one character), optionally of one kind and namespace, updated within
    /// [after, before) days, sorted by name or by newest update.
    /// </summary>
    public async Task<JsonObject> SearchAsync(MarquezSearch search, CancellationToken cancellationToken)
    {
        // Non-backtracking: a pattern of many wildcards costs linear time, never a catastrophic backtrack.
        var pattern = new Regex(LikePattern(search.Query), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
        var view = await ViewAsync(cancellationToken);
        var hits = new List<(string Type, string Name, string Namespace, DateTimeOffset UpdatedAt)>();
        if (search.Filter is null or "DATASET")
        {
            hits.AddRange(view.Datasets.Select(d => ("DATASET", d.Name, d.Namespace, d.Dataset.UpdatedAt)));
        }

        if (search.Filter is null or "JOB")
        {
            hits.AddRange(view.Jobs.Select(j => ("JOB", j.Name, j.Namespace, j.UpdatedAt)));
        }

        var found = hits.Where(h => (search.Namespace is null || h.Namespace == search.Namespace)
                && (search.After is not { } after || h.UpdatedAt >= after)
                && (search.Before is not { } before || h.UpdatedAt < before)
                && pattern.IsMatch(h.Name))
            .ToList();
        var sorted = search.SortByUpdate
            ? found.OrderByDescending(h => h.UpdatedAt).ThenBy(h => h.Name, StringComparer.Ordinal)
            : found.OrderBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.Namespace, StringComparer.Ordinal);
        var results = sorted.Take(search.Limit).ToList();
        return new JsonObject
        {
            ["totalCount"] = results.Count,
            ["results"] = Array(results.Select(h => new JsonObject
            {
                ["type"] = h.Type,
                ["name"] = h.Name,
                ["updatedAt"] = MarquezJson.Time(h.UpdatedAt),
                ["namespace"] = h.Namespace,
                ["nodeId"] = MarquezNodeId.Of(h.Type == "DATASET" ? MarquezNodeId.Dataset : MarquezNodeId.Job, h.Namespace, h.Name),
            })),
        };
    }

    public async Task<JsonObject> ListTagsAsync(MarquezPage page, CancellationToken cancellationToken)
    {
        var tags = (await store.ListAsync<Tag>(EntityType.Tag, includeRemoved: false, cancellationToken)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new JsonObject { ["tags"] = Array(page.Of(tags).Select(t => MarquezJson.Tag(t.Name, t.Description))) };
    }

    /// <summary>
    /// Completes a lineage graph's DATASET nodes for the caller as the dataset endpoints show them (the graph is built
    /// without a caller; each node's data carries the dataset's URN): drops the fields the caller may not see and sets
    /// <c>currentVersion</c>, <c>lastModifiedAt</c> and <c>lastLifecycleState</c> from the runs that wrote the dataset.
    /// </summary>
    public async Task<JsonObject> CompleteGraphAsync(Caller caller, JsonObject graph, CancellationToken cancellationToken)
    {
        var datasetNodes = (graph["graph"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(n => (string?)n["type"] == "DATASET" && n["data"]?["urn"] is JsonValue)
            .ToList();
        var urns = datasetNodes.Select(n => (string)n["data"]!["urn"]!).Distinct(StringComparer.Ordinal).ToList();
        var datasets = await store.GetManyAsync<Dataset>(urns, cancellationToken);
        var visible = await VisibleFieldsAsync(caller, datasets.Values.ToList(), cancellationToken);
        foreach (var node in datasetNodes)
        {
            var data = node["data"]!;
            if (datasets.TryGetValue((string)data["urn"]!, out var entity) && (string?)data["namespace"] is { } ns && (string?)data["name"] is { } name)
            {
                var state = await StateAsync(new MarquezDataset(entity, ns, name), cancellationToken);
                data["currentVersion"] = state.CurrentVersion;
                data["lastModifiedAt"] = MarquezJson.Time(state.LastModifiedAt);
                data["lastLifecycleState"] = state.LastLifecycleState;
            }

            if (node["data"]!["fields"] is JsonArray fields && visible.TryGetValue((string)node["data"]!["urn"]!, out var shown))
            {
                var names = shown.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var field in fields.OfType<JsonObject>().Where(f => !names.Contains((string?)f["name"] ?? "")).ToList())
                {
                    fields.Remove(field);
                }
            }
        }

        return graph;
    }
}
