using TownLake.Catalog.QueryFront;
using TownLake.Engine.Execution;

namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>The engine's run states and error kinds map one to one onto the catalog's own, by meaning and by stored name.</summary>
public sealed class EngineQueryOutcomeTests
{
    [Fact]
    public void Every_engine_state_maps_to_the_catalog_state_of_the_same_name()
    {
        Assert.Equal(Enum.GetNames<QueryState>(), Enum.GetValues<QueryState>().Select(s => s.ToRunState().ToString()));
        Assert.Equal(Enum.GetValues<QueryState>().Length, Enum.GetValues<QueryRunState>().Length);
    }

    [Fact]
    public void Every_engine_error_kind_maps_to_the_catalog_kind_of_the_same_name()
    {
        Assert.Equal(Enum.GetNames<QueryErrorKind>(), Enum.GetValues<QueryErrorKind>().Select(k => k.ToFailureKind().ToString()));
        Assert.Equal(Enum.GetValues<QueryErrorKind>().Length, Enum.GetValues<QueryFailureKind>().Length);
    }

    [Fact]
    public void An_engine_error_keeps_its_message_and_position()
    {
        var recorded = new QueryError(QueryErrorKind.InvalidSql, "syntax error", 2, 7).ToRecordError();

        Assert.Equal(new QueryRecordError(QueryFailureKind.InvalidSql, "syntax error", 2, 7), recorded);
    }
}
