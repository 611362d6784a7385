using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Glossary;

/// <summary>Creates and reads glossary terms and term groups, keeping the hierarchy and related terms consistent.</summary>
public sealed class GlossaryService(IEntityStore store, TimeProvider clock)
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

    public Task<GlossaryTerm?> GetAsync(string urn, CancellationToken cancellationToken) => store.GetAsync<GlossaryTerm>(urn, cancellationToken);

    public Task<IReadOnlyList<GlossaryTerm>> ListAsync(CancellationToken cancellationToken) => store.ListAsync<GlossaryTerm>(EntityType.GlossaryTerm, false, cancellationToken);
}

/// <summary>What a person gives to create a glossary term.</summary>
public sealed record GlossaryTermDraft(string Name, string? Definition, string? Parent, bool IsGroup, IReadOnlyList<string>? Synonyms, IReadOnlyList<string>? RelatedTerms);
