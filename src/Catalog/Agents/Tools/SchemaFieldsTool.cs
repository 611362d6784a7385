using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// <c>list_schema_fields</c>: a dataset's columns in table order with types, descriptions, keys, tags and glossary
/// terms, optionally filtered, as many per page as the budget holds, with a cursor to the next page.
/// </summary>
public sealed class SchemaFieldsTool(DatasetService datasets, AnswerFitter fitter, Governance.AccessEvaluator governance)
{
    public const string Name = "list_schema_fields";

    public AgentTool Tool => new(
        Name,
        "List columns",
        "A dataset's columns (types, descriptions, keys, tags, glossary terms/classification), as many as fit the budget, in table order; 'filter' keeps columns whose name, type, description, tags or terms contain the words; 'cursor' continues a previous page.",
        [
            AgentToolParameter.String("dataset", "The dataset's full name, catalog.schema.table.", required: true, example: "demo.fct.billings_allocated") with { MaxLength = 1_000 },
            AgentToolParameter.String("filter", "Words the columns must contain (in name, type, description, tags or terms).", example: "amount") with { MaxLength = 200 },
            AgentToolParameter.String("cursor", "The nextCursor of the previous page.") with { MaxLength = 200 },
        ],
        RunAsync)
    {
        Example = "list_schema_fields({ dataset: \"demo.dim.accounts\", filter: \"plan\" })",
    };

    private async Task<object> RunAsync(AgentToolCall call)
    {
        var dataset = await datasets.GetByNameAsync(call.Arguments.RequiredString("dataset"), call.CancellationToken);
        // Columns the caller's queries cannot see (pending or denied review, outside their grant) are not listed at all.
        var access = await governance.EvaluateAsync(call.Caller, dataset, call.CancellationToken);
        dataset = dataset with { Columns = dataset.Columns.Where(c => !access.IsHidden(c.Name)).ToList() };
        var filter = call.Arguments.String("filter");
        var words = string.IsNullOrWhiteSpace(filter) ? [] : filter.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var matching = dataset.Columns.OrderBy(c => c.Ordinal).Where(c => words.All(w => Matches(c, w))).ToList();
        var offset = PageCursor.Decode(Name, call.Arguments.String("cursor"));
        if (offset > matching.Count)
        {
            offset = matching.Count;
        }

        var rest = matching.Skip((int)offset).ToList();
        object Render(int count, int description) => new
        {
            dataset = dataset.Name,
            columnCount = dataset.Columns.Count,
            matching = words.Length > 0 ? matching.Count : (int?)null,
            from = offset,
            columns = rest.Take(count).Select(c => ColumnView.From(c, description) with { Nullable = c.Nullable ? null : false }).ToList(),
            nextCursor = count < rest.Count ? PageCursor.Encode(Name, offset + count) : null,
            truncated = count < rest.Count || rest.Take(count).Any(c => (c.Description?.Length ?? 0) > description) ? true : (bool?)null,
            columnsLeft = count < rest.Count ? rest.Count - count : (int?)null,
        };

        foreach (var description in new[] { 400, 120, 40 })
        {
            var count = fitter.Largest(rest.Count, n => Render(n, description), call.Budget);
            if (count > 0 || rest.Count == 0)
            {
                return Render(count, description);
            }
        }

        return Render(0, 0);
    }

    private static bool Matches(SchemaField column, string word) =>
        column.Name.Contains(word, StringComparison.OrdinalIgnoreCase)
        || (column.NativeType?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false)
        || (column.Description?.Contains(word, StringComparison.OrdinalIgnoreCase) ?? false)
        || column.Tags.Any(t => t.Contains(word, StringComparison.OrdinalIgnoreCase))
        || column.GlossaryTerms.Any(t => t.Contains(word, StringComparison.OrdinalIgnoreCase));
}
