namespace TownLake.Engine.Execution;

/// <summary>Which limit stopped reading a result before its end.</summary>
public enum TruncationReason
{
    /// <summary>The row cap (<see cref="QueryLimits.MaxRows"/>).</summary>
    RowCap,

    /// <summary>The memory budget of one run's rows (<see cref="QueryLimits.MaxResultBytes"/>).</summary>
    ByteBudget,
}
