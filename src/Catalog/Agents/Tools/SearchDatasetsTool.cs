using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Agents.Memory;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Discovery;
using TownLake.Catalog.Identity;
using TownLake.Search.Retrieval;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// <c>search_datasets</c>: the datasets that answer a question, as cards ranked like people's search — name, a
/// one-line description, why each matched, its most relevant columns, how the results join each other (declared
/// foreign keys first), room for access state — plus the agent notes about them. Sized to the budget by giving every
/// card less detail before dropping cards.
/// </summary>
public sealed partial class SearchDatasetsTool(CatalogSearch search, IEntityStore store, AgentMemory memory, AnswerFitter fitter, Governance.AccessEvaluator governance)
{
    public const int MaxLimit = 25;

    /// <summary>Detail per card, richest first: description characters, columns, reasons.</summary>
    private static readonly (int Description, int Columns, int Reasons, int ColumnDescription)[] Levels =
        [(240, 8, 3, 80), (160, 5, 2, 0), (100, 3, 1, 0), (60, 0, 1, 0), (0, 0, 0, 0)];

    private static readonly Dictionary<string, SearchFacet> FilterFacets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["catalog"] = SearchFacet.Catalog,
        ["schema"] = SearchFacet.Schema,
        ["platform"] = SearchFacet.Platform,
        ["domain"] = SearchFacet.Domain,
        ["tag"] = SearchFacet.Tag,
        ["owner"] = SearchFacet.Owner,
        ["glossaryTerm"] = SearchFacet.GlossaryTerm,
    };

    public AgentTool Tool => new(
        "search_datasets",
        "Search datasets",
        "Find the datasets (tables, views, files) that answer a question. Returns ranked cards: name, one-line description, why it matched, the columns most relevant to the question, how the results join each other (declared foreign keys and inferred keys), and agent notes about them. Ask in plain English.",
        [
            AgentToolParameter.String("query", "The question or words to search for, in plain English.", required: true, example: "annual recurring revenue per account") with { MaxLength = SearchQueryLimit.MaxLength },
            new("filters", "object", "Narrow the search: any of catalog, schema, platform, domain, tag, owner, glossaryTerm, each a value or a list of values.",
                Example: new JsonObject { ["schema"] = "fct" }),
            AgentToolParameter.Integer("limit", $"How many datasets at most (1-{MaxLimit}, default 10).", 1, MaxLimit, 5),
        ],
        RunAsync)
    {
        Example = "search_datasets({ query: \"revenue by product\", limit: 5 })",
    };

    private async Task<object> RunAsync(AgentToolCall call)
    {
        var query = call.Arguments.RequiredString("query");
        var take = call.Arguments.Int("limit") ?? 10;
        var filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.EntityType] = ["Dataset"] };
        foreach (var (key, value) in call.Arguments.Object("filters") ?? [])
        {
            if (!FilterFacets.TryGetValue(key, out var facet))
            {
                throw CatalogException.BadInput($"Argument 'filters' has an unknown key {InputEcho.Quote(key)}; use {string.Join(", ", FilterFacets.Keys)}.");
            }

            filters[facet] = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
                JsonArray a when a.All(e => e?.GetValueKind() == JsonValueKind.String) && a.Count is > 0 and <= 50 => a.Select(e => e!.GetValue<string>()).ToList(),
                _ => throw CatalogException.BadInput($"Argument 'filters.{key}' must be a string or a list of 1-50 strings."),
            };
        }

        var results = await search.SearchAsync(new SearchRequest
        {
            Query = query,
            Filters = filters,
            Limit = take,
            IncludeFacets = false,
        }, call.CancellationToken);
        var loaded = (await store.GetManyAsync<Dataset>(results.Hits.Select(h => h.Urn).ToList(), call.CancellationToken)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var hits = results.Hits.Where(h => loaded.ContainsKey(h.Urn)).ToList();
        var datasets = hits.Select(h => loaded[h.Urn]).ToList();
        // A card never names a column the caller's queries cannot see (pending or denied review, outside their grant).
        var access = await governance.EvaluateManyAsync(call.Caller, datasets, call.CancellationToken);
        foreach (var (urn, decided) in access)
        {
            loaded[urn] = loaded[urn] with { Columns = loaded[urn].Columns.Where(c => !decided.IsHidden(c.Name)).ToList() };
        }

        datasets = hits.Select(h => loaded[h.Urn]).ToList();
        var joins = JoinPath.Among(datasets, hits.ToDictionary(h => h.Urn, h => h.RelatedUrns));
        var notes = await memory.RelevantAsync(call.Caller, query, datasets.Select(d => d.Name).ToList(), 5, call.CancellationToken);
        var total = (int)Math.Min(results.TotalCount, int.MaxValue);

        object Render(int level, int count) => new SearchAnswer(
            query,
            total,
            hits.Take(count).Select(h => Card(loaded[h.Urn], h, joins[loaded[h.Urn].Name], Levels[level], access.GetValueOrDefault(h.Urn))).ToList(),
            notes.Count == 0 ? null : level == 0 ? notes : notes.Take(2).ToList(),
            level > 0 || count < hits.Count ? true : null,
            count < hits.Count ? hits.Count - count : null,
            count < hits.Count || level > 0
                ? "Fewer or shorter cards fit the budget: raise 'budget', lower 'limit', or call get_entity_details / list_schema_fields on one dataset."
                : total > hits.Count ? $"{total - hits.Count} more datasets match: raise 'limit' or add 'filters'." : null);

        for (var level = 0; level < Levels.Length - 1; level++)
        {
            var candidate = Render(level, hits.Count);
            if (fitter.Fits(candidate, call.Budget))
            {
                return candidate;
            }
        }

        var last = Levels.Length - 1;
        return Render(last, fitter.Largest(hits.Count, n => Render(last, n), call.Budget));
    }

    private static SearchCard Card(Dataset dataset, SearchHit hit, List<JoinPath> joins, (int Description, int Columns, int Reasons, int ColumnDescription) detail, Governance.DatasetAccess? access)
    {
        var matched = hit.MatchedFields.Where(m => m.Field is "column" or "columnDescription").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var columns = ColumnView.Ranked(dataset, matched).Take(detail.Columns).ToList();
        return new SearchCard(
            dataset.Name,
            detail.Description > 0 ? AnswerFitter.OneLine(dataset.Description, detail.Description) : null,
            detail.Reasons > 0 ? hit.MatchedFields.Select(m => AnswerFitter.Clip($"{m.Field} '{m.Value}': {Tags().Replace(m.Snippet, "")}", 100)!).Distinct().Take(detail.Reasons).ToList() : null,
            columns.Count > 0 ? columns.Select(c => ColumnView.From(c, detail.ColumnDescription, withLabels: false) with { Description = detail.ColumnDescription > 0 ? AnswerFitter.Clip(c.Description, detail.ColumnDescription) : null }).ToList() : null,
            dataset.Columns.Count > columns.Count ? dataset.Columns.Count - columns.Count : null,
            joins.Count > 0 ? joins : null,
            dataset.Deprecation is { Deprecated: true } ? "deprecated" : null,
            Access: DatasetAccess.From(access));
    }

    [GeneratedRegex("</?em>")]
    private static partial Regex Tags();
}

/// <summary>The answer of <c>search_datasets</c>.</summary>
public sealed record SearchAnswer(string Query, int Total, IReadOnlyList<SearchCard> Results, IReadOnlyList<NoteView>? Notes, bool? Truncated, int? ResultsOmitted, string? Hint);

/// <summary>
/// One dataset found for an agent. <c>Access</c> says whether the caller can query it; it is null until the governance
/// model reports it (see <see cref="DatasetAccess"/>).
/// </summary>
public sealed record SearchCard(
    string Name,
    string? Description,
    IReadOnlyList<string>? WhyMatched,
    IReadOnlyList<ColumnView>? Columns,
    int? ColumnsOmitted,
    IReadOnlyList<JoinPath>? Joins,
    string? Status,
    DatasetAccess? Access);
