using GraphQL.Types;

namespace TownLake.Catalog.Glossary.GraphQL;

/// <summary>GraphQL input for <c>updateGlossaryTerm</c>: every field optional; what is left out stays as it is.</summary>
public sealed class GlossaryTermUpdateInputType : InputObjectGraphType<GlossaryTermUpdateInput>
{
    public GlossaryTermUpdateInputType()
    {
        Name = "GlossaryTermUpdateInput";
        Description = "Changes to a glossary term; a field left out stays as it is.";
        Field<StringGraphType>("name").Description("A new name: datasets, columns, child terms and related terms carrying the term follow it.");
        Field<StringGraphType>("definition").Description("The new definition (Markdown); an empty string clears it.");
        Field<StringGraphType>("parent").Description("The group to move the term into (an existing term); an empty string moves it to the top level.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("synonyms").Description("The new list of synonyms.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("relatedTerms").Description("The new list of related terms (existing terms).");
    }
}

/// <summary>The CLR shape of <see cref="GlossaryTermUpdateInputType"/>.</summary>
public sealed class GlossaryTermUpdateInput
{
    public string? Name { get; set; }
    public string? Definition { get; set; }
    public string? Parent { get; set; }
    public List<string>? Synonyms { get; set; }
    public List<string>? RelatedTerms { get; set; }

    public GlossaryTermEdit ToEdit() => new(Name, Definition, Parent, Synonyms, RelatedTerms);
}
