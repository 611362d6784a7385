using TownLake.Catalog.Datasets;
using TownLake.Catalog.Lineage.Impact;

namespace TownLake.Catalog.Tests.Lineage.Impact;

/// <summary>Which column changes break readers: drops, renames (a new name in the old place with the old type) and retypes.</summary>
public sealed class SchemaChangesTests
{
    private static SchemaField Column(string name, string type, int ordinal) => new() { Name = name, NativeType = type, Ordinal = ordinal };

    [Fact]
    public void A_new_name_in_the_old_place_with_the_old_type_is_a_rename_and_anything_else_gone_is_a_drop()
    {
        var before = new[] { Column("id", "BIGINT", 1), Column("amount", "DECIMAL(12,2)", 2), Column("note", "VARCHAR", 3) };
        var after = new[] { Column("id", "BIGINT", 1), Column("amount_usd", "decimal(12, 2)", 2), Column("comment", "INTEGER", 3) };

        var changes = SchemaChanges.Between(before, after);

        Assert.Equal(
            [
                new SchemaColumnChange("amount", SchemaChangeKind.Renamed, "amount_usd", "DECIMAL(12,2)", "decimal(12, 2)"),
                new SchemaColumnChange("note", SchemaChangeKind.Dropped, OldType: "VARCHAR"),
            ],
            changes);
    }

    [Fact]
    public void A_changed_type_is_a_retype_while_case_and_added_columns_change_nothing()
    {
        var before = new[] { Column("id", "BIGINT", 1), Column("Amount", "DOUBLE", 2) };
        var after = new[] { Column("id", "VARCHAR", 1), Column("amount", "double", 2), Column("extra", "INTEGER", 3) };

        var change = Assert.Single(SchemaChanges.Between(before, after));

        Assert.Equal(new SchemaColumnChange("id", SchemaChangeKind.Retyped, OldType: "BIGINT", NewType: "VARCHAR"), change);
    }
}
