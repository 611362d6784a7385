using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.Trino;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Tests.Connectors.Trino;

public sealed class TrinoSqlTranslatorTests
{
    private static readonly ConnectionSettings Lake = ConnectionSettings.Create(
        "lake", "trino", new Dictionary<string, string> { ["Url"] = "http://trino:8080", ["Catalog"] = "hive" });

    private static readonly ConnectionSettings Tpch = ConnectionSettings.Create(
        "tpch", "trino", new Dictionary<string, string> { ["Url"] = "http://trino:8080" });

    [Fact]
    public void Only_three_part_names_starting_with_a_connection_are_rewritten()
    {
        var translation = TrinoSqlTranslator.Translate(
            "SELECT lake.x, t.lake.y, \"lake\".s.t.c FROM lake . s . t t JOIN \"LAKE\".s.t u ON true /* lake.s.t */",
            [Lake]);

        Assert.Equal(
            "SELECT lake.x, t.lake.y, \"hive\".s.t.c FROM \"hive\" . s . t t JOIN \"LAKE\".s.t u ON true /* lake.s.t */",
            translation.Sql);
    }

    [Fact]
    public void A_connection_named_like_its_catalog_is_sent_unchanged()
    {
        const string sql = "SELECT * FROM tpch.tiny.nation";

        var translation = TrinoSqlTranslator.Translate(sql, [Tpch]);

        Assert.Equal(sql, translation.Sql);
        Assert.Equal("tpch", Assert.Single(translation.Connections).Catalog);
    }

    [Fact]
    public void Positions_after_a_rewritten_name_map_back_across_lines()
    {
        var translation = TrinoSqlTranslator.Translate("SELECT *\nFROM lake.s.t JOIN lake.s.u\nWHERE x", [Lake]);

        Assert.Equal("SELECT *\nFROM \"hive\".s.t JOIN \"hive\".s.u\nWHERE x", translation.Sql);
        Assert.Equal((2, 20), translation.ToOriginalPosition(2, 22)); // "lake" of the second name
        Assert.Equal((2, 20), translation.ToOriginalPosition(2, 24)); // inside "hive": start of what the user wrote
        Assert.Equal((3, 7), translation.ToOriginalPosition(3, 7)); // later lines do not move
        Assert.Equal((1, 8), translation.ToOriginalPosition(1, 8));
    }

    [Fact]
    public void Statement_naming_no_dataset_runs_on_the_only_trino_connection()
    {
        var translation = TrinoSqlTranslator.Translate("SELECT 1", [Lake]);

        Assert.Equal("lake", Assert.Single(translation.Connections).Name);
    }

    [Fact]
    public void Statement_naming_no_dataset_with_several_trino_connections_is_refused()
    {
        var error = Assert.Throws<TownLake.Engine.Execution.QueryException>(() => TrinoSqlTranslator.Translate("SELECT 1", [Lake, Tpch]));

        Assert.Contains("lake.schema.table", error.Message, StringComparison.Ordinal);
    }
}
