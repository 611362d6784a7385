namespace TownLake.Engine.Sql;

/// <summary>
/// One statement to analyze. Unqualified table names get <see cref="DefaultSchema"/> (and then
/// <see cref="DefaultCatalog"/>); <see cref="Schemas"/> supplies table columns for <c>SELECT *</c> and for
/// attributing unqualified columns when several tables are joined.
/// </summary>
public sealed record SqlAnalysisRequest(string Sql)
{
    /// <summary>
    /// The dialect the statement was written in (the caller's: an OpenLineage SQL facet's <c>dialect</c>, a dbt adapter, a
    /// connection's kind). It decides how unquoted names fold (<see cref="SqlDialects.FoldingOf"/>), which quotes name
    /// identifiers, and how unnamed columns are called; <see cref="SqlDialect.Generic"/> keeps names as written.
    /// </summary>
    public SqlDialect Dialect { get; init; } = SqlDialect.Generic;

    public string? DefaultCatalog { get; init; }

    public string? DefaultSchema { get; init; }

    public SqlSchemaResolver Schemas { get; init; } = SqlSchemaResolvers.None;
}
