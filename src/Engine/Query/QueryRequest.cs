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
    /// <summary>The limits in force.</summary>
    public QueryLimits EffectiveLimits => Limits ?? QueryLimits.Default;
}
