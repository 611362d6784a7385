namespace TownLake.Engine.Sql;

/// <summary>
/// One statement to analyze. Unqualified table names get <see cref="DefaultSchema"/> (and then
/// <see cref="DefaultCatalog"/>); <see cref="Schemas"/> supplies table columns for <c>SELECT *</c> and for
/// attributing unqualified columns when several tables are joined.
/// </summary>
public sealed record SqlAnalysisRequest(string Sql)
{
    public SqlDialect Dialect { get; init; } = SqlDialect.Generic;

    public string? DefaultCatalog { get; init; }

    public string? DefaultSchema { get; init; }

    public SqlSchemaResolver Schemas { get; init; } = SqlSchemaResolvers.None;
}
