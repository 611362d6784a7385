namespace TownLake.Catalog.GraphQL;

/// <summary>
/// Limits on a GraphQL request, under <c>TownLake:GraphQL</c>. They are checked on the raw request and on the parsed
/// document before fragments are expanded or the validation rules run, so a hostile document costs milliseconds.
/// </summary>
public sealed class GraphQLLimitsOptions
{
    public const string Section = "TownLake:GraphQL";

    /// <summary>Largest POST body (query, variables and extensions) or GET query string, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest query document, in UTF-8 bytes; GraphiQL's introspection query is about 2 KB, the UI's largest query under 1 KB.</summary>
    public int MaxDocumentBytes { get; set; } = 64 * 1024;

    /// <summary>Most syntax nodes (fields, arguments, values, directives, …) in the document.</summary>
    public int MaxNodes { get; set; } = 10_000;

    /// <summary>Most fields written in the document.</summary>
    public int MaxFields { get; set; } = 1_000;

    /// <summary>Most fields once every fragment spread is counted as the fields it stands for (computed, never expanded).</summary>
    public int MaxExpandedFields { get; set; } = 2_000;

    /// <summary>Most fragment spreads written in the document.</summary>
    public int MaxFragmentSpreads { get; set; } = 200;

    /// <summary>Most aliased fields in the document.</summary>
    public int MaxAliases { get; set; } = 100;

    /// <summary>
    /// Deepest selection of data fields, counting through fragments. Introspection levels do not count: their deep
    /// <c>ofType</c> chains are one object per level, and <see cref="MaxIntrospectionListNesting"/> bounds them instead.
    /// </summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Most introspection lists nested along one path. The spec's full introspection query (GraphiQL's) nests three
    /// (<c>types { fields { args } }</c>); a fourth multiplies the answer by the schema's size again.
    /// </summary>
    public int MaxIntrospectionListNesting { get; set; } = 3;

    /// <summary>Most top-level mutation fields in one request, so aliases cannot multiply one mutation.</summary>
    public int MaxMutationFields { get; set; } = 20;

    /// <summary>Wall-clock limit on validating and executing one request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
