namespace TownLake.Search.Documents;

/// <summary>The kinds of entity the search index holds. Columns are folded into their dataset.</summary>
public enum SearchEntityType
{
    Dataset,
    GlossaryTerm,
    DocumentationPage,

    /// <summary>A job (pipeline step, dbt model, the SQL that builds a table); found only when a search asks for jobs.</summary>
    Job,
}
