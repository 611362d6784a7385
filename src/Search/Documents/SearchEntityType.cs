namespace TownLake.Search.Documents;

/// <summary>The kinds of entity the search index holds. Columns are folded into their dataset.</summary>
public enum SearchEntityType
{
    Dataset,
    GlossaryTerm,
    DocumentationPage,
}
