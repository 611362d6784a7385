using TownLake.Catalog.Governance;

namespace TownLake.ScannerBench;

/// <summary>
/// One kind of generated column: its true category (the label), the SQL type it is stored as, the names a real schema
/// would give it, whether a neutral name (<c>attr_12</c>) is realistic too, and how its values are made.
/// </summary>
public sealed record ColumnFamily(
    string Kind,
    PiiCategory Label,
    string SqlType,
    string[] Names,
    bool NeutralNameAllowed,
    Func<Random, object?> Value,
    double NullShare = 0.03);
