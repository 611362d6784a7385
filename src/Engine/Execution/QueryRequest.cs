using TownLake.Engine.Connectors;
using TownLake.Engine.Sql;

namespace TownLake.Engine.Execution;

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

    /// <summary>
    /// The statement's one analysis (<see cref="SqlLineageAnalyzer.AnalyzeStatementAsync"/>). A front that has already
    /// analyzed it for access checks passes it here; <see cref="QueryRunner.Start"/> analyzes requests that come without.
    /// Engines read it and never parse the statement themselves.
    /// </summary>
    public StatementAnalysis? Analysis { get; init; }

    /// <summary>
    /// When set, the statement may read only the datasets listed, each through a view of its visible columns with
    /// masks applied (see <see cref="QueryVisibility"/>). Engines that cannot honour it refuse the request.
    /// </summary>
    public QueryVisibility? Visibility { get; init; }

    /// <summary>Who runs the statement; engines with their own access control (Trino) run it as this user. Null: the connection's service user.</summary>
    public QueryCaller? Caller { get; init; }
}
