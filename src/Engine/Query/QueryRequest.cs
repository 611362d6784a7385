using TownLake.Engine.Connectors;

namespace TownLake.Engine.Query;

/// <summary>
/// A statement written against catalog names (<c>demo.fct.billings</c>, <c>shop.public.customers</c>)
/// together with the configured connections those names resolve through.
/// </summary>
/// <param name="Sql">One read-only statement.</param>
/// <param name="Connections">Every configured connection; the engine uses those the statement names.</param>
/// <param name="Limits">Row cap and timeout; <see cref="QueryLimits.Default"/> when null.</param>
/// <param name="Engine">Engine name (<c>duckdb</c>, <c>trino</c>); null lets <see cref="QueryRunner"/> choose.</param>
public sealed record QueryRequest(
    string Sql,
    IReadOnlyList<ConnectionSettings> Connections,
    QueryLimits? Limits = null,
    string? Engine = null)
{
    /// <summary>
    /// When set, only datasets it accepts are queryable (the catalog passes "is this dataset catalogued"); it is asked
    /// with each dataset's three-part name as written (<c>connection.schema.table</c>, schema <c>main</c> when omitted),
    /// and a refused dataset fails the run with <see cref="QueryErrorKind.UnknownDataset"/>.
    /// </summary>
    public Func<string, CancellationToken, Task<bool>>? IsQueryable { get; init; }

    /// <summary>The limits in force.</summary>
    public QueryLimits EffectiveLimits => Limits ?? QueryLimits.Default;
}
