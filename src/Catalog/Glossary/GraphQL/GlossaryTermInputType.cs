using GraphQL.Types;

namespace TownLake.Catalog.Glossary.GraphQL;

/// <summary>GraphQL input for <c>createGlossaryTerm</c>.</summary>
public sealed class GlossaryTermInputType : InputObjectGraphType<GlossaryTermInput>
{
    public GlossaryTermInputType()
    {
        Name = "GlossaryTermInput";
        Description = "A new glossary term or term group.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The term's unique name.");
        Field<StringGraphType>("definition").Description("What the term means.");
        Field<StringGraphType>("parent").Description("The group it sits in (an existing term).");
        Field<BooleanGraphType>("isGroup").Description("True to create a term group.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("synonyms").Description("Other words for the term.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("relatedTerms").Description("Existing related terms.");
    }
}

/// <summary>The CLR shape of <see cref="GlossaryTermInputType"/>.</summary>
public sealed class GlossaryTermInput
{
    public string Name { get; set; } = "";
    public string? Definition { get; set; }
    public string? Parent { get; set; }
    public bool? IsGroup { get; set; }
    public List<string>? Synonyms { get; set; }
    public List<string>? RelatedTerms { get; set; }

    public GlossaryTermDraft ToDraft() => new(Name, Definition, Parent, IsGroup ?? false, Synonyms, RelatedTerms);
}
