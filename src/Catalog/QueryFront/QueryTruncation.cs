namespace TownLake.Catalog.QueryFront;

/// <summary>Which limit cut a result short: the catalog's copy of the engine's reason (mapped in <see cref="EngineQueryOutcome"/>).</summary>
public enum QueryTruncation
{
    /// <summary>The row cap (TownLake:Query:MaxRows).</summary>
    RowCap,

    /// <summary>The memory budget of one query's rows (TownLake:Query:MaxResultBytes).</summary>
    ByteBudget,
}
