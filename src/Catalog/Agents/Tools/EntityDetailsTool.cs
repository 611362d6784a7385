using System.Text.Json.Nodes;
using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Agents.Memory;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Documentation;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// <c>get_entity_details</c>: any catalog entity by name or URN — dataset, column, glossary term, documentation page,
/// user, group or job — with what an agent needs of it. A dataset keeps its key columns first and as many others as
/// the budget allows (then points at <c>list_schema_fields</c>); a page or a job's SQL is cut at the budget. Governance
/// holds as in the query front: columns hidden from the caller (pending or denied review, outside their grant) are not
/// listed, and asking for one answers exactly as for a column that does not exist.
/// </summary>
public sealed class EntityDetailsTool(EntityResolver resolver, IEntityStore store, LineageService lineage, AgentMemory memory, AnswerFitter fitter, Governance.AccessEvaluator governance)
{
    public AgentTool Tool => new(
        "get_entity_details",
        "Entity details",
        "Details of any catalog entity by name or URN: a dataset (description, owners, tags, glossary terms, lineage counts, data-model pages, key columns first), a column, a glossary term (definition, datasets using it), a documentation page (its text), a user or group (members, datasets owned), or a job (its SQL, last run).",
        [AgentToolParameter.String("entity", "A dataset name (catalog.schema.table), a column (catalog.schema.table.column), a glossary term, a page title, a user, group or job name, or a URN.", required: true, example: "demo.fct.billings_allocated") with { MaxLength = 2_000 }],
        RunAsync)
    {
        Example = "get_entity_details({ entity: \"demo.dim.accounts\" })",
    };

    private async Task<object> RunAsync(AgentToolCall call)
    {
        var reference = call.Arguments.RequiredString("entity");
        var entity = await resolver.ResolveAsync(reference, call.CancellationToken);
        return entity switch
        {
            Dataset dataset => await DatasetAsync(await VisibleAsync(dataset, call), call),
            ColumnEntity column => Fit(ColumnDetails(await VisibleAsync(column, reference, call)), call.Budget),
            GlossaryTerm term => Fit(await TermAsync(term, call.CancellationToken), call.Budget),
            Document page => PageDetails(page, call.Budget),
            User user => Fit(await UserAsync(user, call.CancellationToken), call.Budget),
            Group group => Fit(await GroupAsync(group, call.CancellationToken), call.Budget),
            Job job => JobDetails(job, call.Budget),
            _ => throw CatalogException.BadInput("That entity type has no details for agents."),
        };
    }

    /// <summary>The dataset with only the columns the caller's queries can see.</summary>
    private async Task<Dataset> VisibleAsync(Dataset dataset, AgentToolCall call)
    {
        var access = await governance.EvaluateAsync(call.Caller, dataset, call.CancellationToken);
        return dataset with { Columns = dataset.Columns.Where(c => !access.IsHidden(c.Name)).ToList() };
    }

    private async Task<ColumnEntity> VisibleAsync(ColumnEntity column, string reference, AgentToolCall call)
    {
        var access = await governance.EvaluateAsync(call.Caller, column.Dataset, call.CancellationToken);
        return access.IsHidden(column.Column.Name)
            ? throw EntityResolver.Missing(reference)
            : column with { Dataset = await VisibleAsync(column.Dataset, call) };
    }

    private async Task<object> DatasetAsync(Dataset dataset, AgentToolCall call)
    {
        var (up, down) = await lineage.CountsAsync(dataset.Urn, call.CancellationToken);
        var pages = new List<string>();
        await foreach (var page in store.StreamAsync<Document>(EntityType.Document, call.CancellationToken))
        {
            if (!page.Removed && page.RelatedDatasets.Contains(dataset.Name, StringComparer.OrdinalIgnoreCase))
            {
                pages.Add(page.Name);
            }
        }

        var notes = await memory.RelevantAsync(call.Caller, "", [dataset.Name], 5, call.CancellationToken);
        var ranked = ColumnView.Ranked(dataset).ToList();
        object Render(int columns, int description, int columnDescription) => new
        {
            type = "dataset",
            name = dataset.Name,
            urn = dataset.Urn,
            platform = dataset.Platform,
            kind = dataset.Kind,
            description = AnswerFitter.Clip(dataset.Description, description),
            owners = dataset.Owners.Count > 0 ? dataset.Owners.Select(o => $"{o.Owner} ({o.Type})").ToList() : null,
            tags = dataset.Tags.Count > 0 ? dataset.Tags : null,
            glossaryTerms = dataset.GlossaryTerms.Count > 0 ? dataset.GlossaryTerms : null,
            domain = dataset.Domain,
            deprecated = dataset.Deprecation is { Deprecated: true } d ? d.Note ?? "deprecated" : null,
            rowCount = dataset.RowCount,
            lineage = new { upstream = up, downstream = down },
            dataModelPages = pages.Count > 0 ? pages : null,
            notes = notes.Count > 0 ? notes : null,
            columnCount = dataset.Columns.Count,
            columns = ranked.Take(columns).OrderBy(c => c.Ordinal).Select(c => ColumnView.From(c, columnDescription)).ToList(),
            columnsOmitted = dataset.Columns.Count > columns ? dataset.Columns.Count - columns : (int?)null,
            truncated = dataset.Columns.Count > columns || (dataset.Description?.Length ?? 0) > description ? true : (bool?)null,
            hint = dataset.Columns.Count > columns ? "Key columns come first; list_schema_fields pages through every column (with a filter)." : null,
        };

        foreach (var (description, columnDescription) in new[] { (2_000, 200), (400, 80), (160, 0) })
        {
            var count = fitter.Largest(ranked.Count, n => Render(n, description, columnDescription), call.Budget);
            if (count > 0 || ranked.Count == 0)
            {
                if (fitter.Fits(Render(count, description, columnDescription), call.Budget))
                {
                    return Render(count, description, columnDescription);
                }
            }
        }

        return Render(0, 160, 0);
    }

    private static object ColumnDetails(ColumnEntity entity)
    {
        var c = entity.Column;
        return new
        {
            type = "column",
            name = entity.Name,
            dataset = entity.Dataset.Name,
            dataType = c.NativeType,
            nullable = c.Nullable,
            description = c.Description,
            key = c.IsPrimaryKey ? "primary key" : c.ForeignKey is { } fk ? $"references {fk.Dataset}.{fk.Column}" : null,
            tags = c.Tags.Count > 0 ? c.Tags : null,
            glossaryTerms = c.GlossaryTerms.Count > 0 ? c.GlossaryTerms : null,
        };
    }

    private async Task<object> TermAsync(GlossaryTerm term, CancellationToken cancellationToken)
    {
        var using_ = await store.ListLinkingManyAsync<Dataset>(EntityType.Dataset, EntityLinks.Term, [term.Name], cancellationToken);
        var datasets = using_.GetValueOrDefault(term.Name) ?? [];
        return new
        {
            type = "glossaryTerm",
            name = term.Name,
            definition = term.Definition,
            parent = term.Parent,
            synonyms = term.Synonyms.Count > 0 ? term.Synonyms : null,
            relatedTerms = term.RelatedTerms.Count > 0 ? term.RelatedTerms : null,
            datasets = datasets.Select(d => d.Name).ToList(),
        };
    }

    private object PageDetails(Document page, AgentBudget budget)
    {
        object Render(int chars) => new
        {
            type = "document",
            title = page.Name,
            urn = page.Urn,
            relatedDatasets = page.RelatedDatasets,
            body = AnswerFitter.Clip(page.Body, chars),
            truncated = page.Body.Length > chars ? true : (bool?)null,
            bodyLength = page.Body.Length,
        };
        return Render(fitter.Largest(page.Body.Length, Render, budget));
    }

    private async Task<object> UserAsync(User user, CancellationToken cancellationToken)
    {
        var groups = (await store.ListLinkingManyAsync<Group>(EntityType.Group, EntityLinks.Member, [user.Name], cancellationToken)).GetValueOrDefault(user.Name) ?? [];
        var owns = (await store.ListLinkingManyAsync<Dataset>(EntityType.Dataset, EntityLinks.Owner, [user.Name], cancellationToken)).GetValueOrDefault(user.Name) ?? [];
        return new { type = "user", name = user.Name, displayName = user.DisplayName, email = user.Email, groups = groups.Select(g => g.Name).ToList(), owns = owns.Select(d => d.Name).ToList() };
    }

    private async Task<object> GroupAsync(Group group, CancellationToken cancellationToken)
    {
        var owns = (await store.ListLinkingManyAsync<Dataset>(EntityType.Dataset, EntityLinks.Owner, [group.Name], cancellationToken)).GetValueOrDefault(group.Name) ?? [];
        return new { type = "group", name = group.Name, displayName = group.DisplayName, members = group.Members, owns = owns.Select(d => d.Name).ToList() };
    }

    private object JobDetails(Job job, AgentBudget budget)
    {
        object Render(int chars) => new
        {
            type = "job",
            name = job.Name,
            @namespace = job.Namespace,
            urn = job.Urn,
            description = job.Description,
            lastRun = job.LastRunAt is null ? null : new { at = job.LastRunAt, id = job.LastRunId, state = job.LastRunState },
            sql = AnswerFitter.Clip(job.Sql, chars),
            truncated = (job.Sql?.Length ?? 0) > chars ? true : (bool?)null,
            hint = "get_lineage on the job's datasets shows what it reads and writes.",
        };
        return Render(fitter.Largest(job.Sql?.Length ?? 0, Render, budget));
    }

    /// <summary>Small entities with lists of any length (a term used by thousands of datasets): cut generically.</summary>
    private object Fit(object details, AgentBudget budget)
    {
        if (fitter.Fits(details, budget))
        {
            return details;
        }

        var cut = fitter.FitAny(System.Text.Json.JsonSerializer.SerializeToNode(details, AgentJson.Options), budget, out _);
        return cut is JsonObject o ? o.Also(x => x["truncated"] = true) : new JsonObject { ["truncated"] = true, ["details"] = cut };
    }
}

/// <summary>Small helpers for building JSON answers.</summary>
internal static class JsonNodeExtensions
{
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
