using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Glossary;

/// <summary>Creates and reads glossary terms and term groups, keeping the hierarchy and related terms consistent.</summary>
public sealed class GlossaryService(IEntityStore store, IDatasetBrowseStore datasets, TimeProvider clock)
{
    public async Task<GlossaryTerm> CreateAsync(GlossaryTermDraft draft, Caller caller, CancellationToken cancellationToken)
    {
        caller.EnsureCanEdit("create glossary terms");
        var name = DatasetService.CleanName(draft.Name, "glossary term");
        var urn = Urn.GlossaryTerm(name);
        var parent = draft.Parent is null ? null : DatasetService.CleanName(draft.Parent, "parent term");
        var related = DatasetService.CleanNames(draft.RelatedTerms ?? [], "related term", requireOne: false);
        var synonyms = (draft.Synonyms ?? []).Select(s => DatasetService.CleanName(s, "synonym")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (draft.Definition is { Length: > 65_536 })
        {
            throw CatalogException.BadInput("A glossary definition is limited to 65,536 characters.");
        }

        var referenced = related.Concat(parent is null ? [] : [parent]).Select(Urn.GlossaryTerm).ToList();
        var known = await store.GetManyAsync<GlossaryTerm>(referenced, cancellationToken);
        var missing = referenced.Where(r => !known.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw CatalogException.NotFound($"Unknown glossary term(s): {string.Join(", ", missing)}.");
        }

        if (parent is not null && parent == name)
        {
            throw CatalogException.BadInput("A glossary term cannot be its own parent.");
        }

        var now = clock.GetUtcNow();
        var result = await store.SaveAsync<GlossaryTerm>(urn, existing => existing is not null
            ? throw CatalogException.Conflict($"Glossary term {InputEcho.Quote(name)} already exists.")
            : new GlossaryTerm
            {
                Urn = urn,
                Name = name,
                Definition = draft.Definition,
                IsGroup = draft.IsGroup,
                Parent = parent,
                Synonyms = synonyms,
                RelatedTerms = related,
                CreatedAt = now,
                UpdatedAt = now,
            }, caller.UserName, cancellationToken);
        return result.Entity;
    }

    /// <summary>The most datasets a rename re-labels in one request (one store page of linked datasets, less the probe for "more").</summary>
    public const int MaxRenamedDatasets = 999;

    /// <summary>
    /// Edits a term: its definition, synonyms, related terms, the group it sits in, and its name. A rename writes the
    /// term under its new name first, then moves every reference (datasets and their columns, child terms, related
    /// terms) and removes the old name last, so a failure part-way leaves both names findable and loses nothing.
    /// </summary>
    public async Task<GlossaryTerm> UpdateAsync(string name, GlossaryTermEdit edit, Caller caller, CancellationToken cancellationToken)
    {
        caller.EnsureCanEdit("edit glossary terms");
        name = DatasetService.CleanName(name, "glossary term");
        var term = await store.GetAsync<GlossaryTerm>(Urn.GlossaryTerm(name), cancellationToken);
        if (term is null || term.Removed)
        {
            throw CatalogException.NotFound($"No glossary term {InputEcho.Quote(name)}.");
        }

        if (edit.Definition is { Length: > 65_536 })
        {
            throw CatalogException.BadInput("A glossary definition is limited to 65,536 characters.");
        }

        var newName = edit.NewName is null ? name : DatasetService.CleanName(edit.NewName, "glossary term");
        // An empty parent moves the term to the top level; null leaves it where it is.
        var parent = edit.Parent is null ? term.Parent : edit.Parent.Trim().Length == 0 ? null : DatasetService.CleanName(edit.Parent, "parent term");
        var related = edit.RelatedTerms is null ? term.RelatedTerms : DatasetService.CleanNames(edit.RelatedTerms, "related term", requireOne: false);
        var synonyms = edit.Synonyms is null ? term.Synonyms : edit.Synonyms.Select(s => DatasetService.CleanName(s, "synonym")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        await EnsureParentAsync(name, newName, parent, cancellationToken);
        var referenced = related.Select(Urn.GlossaryTerm).ToList();
        var known = await store.GetManyAsync<GlossaryTerm>(referenced, cancellationToken);
        var missing = related.Where(r => !known.TryGetValue(Urn.GlossaryTerm(r), out var t) || t.Removed).ToList();
        if (missing.Count > 0)
        {
            throw CatalogException.NotFound($"Unknown glossary term(s): {string.Join(", ", missing)}.");
        }

        if (related.Contains(name, StringComparer.Ordinal) || related.Contains(newName, StringComparer.Ordinal))
        {
            throw CatalogException.BadInput("A glossary term cannot be related to itself.");
        }

        var edited = term with
        {
            Name = newName,
            Urn = Urn.GlossaryTerm(newName),
            Definition = edit.Definition is null ? term.Definition : edit.Definition.Trim().Length == 0 ? null : edit.Definition,
            Parent = parent,
            Synonyms = synonyms,
            RelatedTerms = related,
            UpdatedAt = clock.GetUtcNow(),
        };
        if (newName == name)
        {
            return (await store.SaveAsync<GlossaryTerm>(term.Urn, _ => edited, caller.UserName, cancellationToken)).Entity;
        }

        return await RenameAsync(term, edited, caller, cancellationToken);
    }

    private async Task<GlossaryTerm> RenameAsync(GlossaryTerm term, GlossaryTerm renamed, Caller caller, CancellationToken cancellationToken)
    {
        var (from, to) = (term.Name, renamed.Name);
        var carrying = (await datasets.ListDatasetsByLinkManyAsync(EntityLinks.Term, [from], MaxRenamedDatasets + 1, cancellationToken)).GetValueOrDefault(from) ?? [];
        if (carrying.Count > MaxRenamedDatasets)
        {
            throw CatalogException.Conflict($"{InputEcho.Quote(from)} is on more than {MaxRenamedDatasets:N0} datasets; a term used that widely is not renamed by one request: create the new term and move datasets to it in batches.");
        }

        var saved = await store.SaveAsync<GlossaryTerm>(renamed.Urn, existing => existing is not null && !existing.Removed
            ? throw CatalogException.Conflict($"Glossary term {InputEcho.Quote(to)} already exists.")
            : renamed, caller.UserName, cancellationToken);
        IReadOnlyList<string> Swap(IReadOnlyList<string> names) => names.Select(n => n == from ? to : n).Distinct(StringComparer.Ordinal).ToList();
        foreach (var dataset in carrying)
        {
            await store.SaveAsync<Dataset>(dataset.Urn, current => current is null ? dataset : current with
            {
                GlossaryTerms = Swap(current.GlossaryTerms),
                Columns = current.Columns.Select(c => c.GlossaryTerms.Contains(from) ? c with { GlossaryTerms = Swap(c.GlossaryTerms) } : c).ToList(),
            }, caller.UserName, cancellationToken);
        }

        foreach (var other in await ListAsync(cancellationToken))
        {
            if (other.Name != from && (other.Parent == from || other.RelatedTerms.Contains(from)))
            {
                await store.SaveAsync<GlossaryTerm>(other.Urn, current => (current ?? other) with
                {
                    Parent = (current ?? other).Parent == from ? to : (current ?? other).Parent,
                    RelatedTerms = Swap((current ?? other).RelatedTerms),
                }, caller.UserName, cancellationToken);
            }
        }

        await store.SaveAsync<GlossaryTerm>(term.Urn, current => (current ?? term) with { Removed = true }, caller.UserName, cancellationToken);
        return saved.Entity;
    }

    /// <summary>Refuses a parent that does not exist, is the term itself, or sits inside the term (a cycle).</summary>
    private async Task EnsureParentAsync(string name, string newName, string? parent, CancellationToken cancellationToken)
    {
        if (parent is null)
        {
            return;
        }

        if (parent == name || parent == newName)
        {
            throw CatalogException.BadInput("A glossary term cannot be its own parent.");
        }

        var all = (await ListAsync(cancellationToken)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        if (!all.ContainsKey(parent))
        {
            throw CatalogException.NotFound($"Unknown glossary term(s): {parent}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var at = parent; at is not null && seen.Add(at); at = all.GetValueOrDefault(at)?.Parent)
        {
            if (at == name)
            {
                throw CatalogException.BadInput($"{InputEcho.Quote(parent)} sits inside {InputEcho.Quote(name)}; a term cannot be moved into its own group.");
            }
        }
    }

    public Task<GlossaryTerm?> GetAsync(string urn, CancellationToken cancellationToken) => store.GetAsync<GlossaryTerm>(urn, cancellationToken);

    public Task<IReadOnlyList<GlossaryTerm>> ListAsync(CancellationToken cancellationToken) => store.ListAsync<GlossaryTerm>(EntityType.GlossaryTerm, false, cancellationToken);
}

/// <summary>What a person changes on a glossary term: null leaves a field as it is; an empty parent or definition clears it.</summary>
public sealed record GlossaryTermEdit(string? NewName, string? Definition, string? Parent, IReadOnlyList<string>? Synonyms, IReadOnlyList<string>? RelatedTerms);

/// <summary>What a person gives to create a glossary term.</summary>
public sealed record GlossaryTermDraft(string Name, string? Definition, string? Parent, bool IsGroup, IReadOnlyList<string>? Synonyms, IReadOnlyList<string>? RelatedTerms);
