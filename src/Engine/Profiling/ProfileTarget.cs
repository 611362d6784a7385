using TownLake.Engine.Connectors;

namespace TownLake.Engine.Profiling;

/// <summary>A table to profile: its connection, its name there and its columns with their native types.</summary>
/// <param name="Connection">The connection the table belongs to; the table is read as <c>connection.schema.table</c>.</param>
/// <param name="Schema">The schema, exactly as the source spells it.</param>
/// <param name="Table">The table, exactly as the source spells it.</param>
/// <param name="Columns">The columns to profile, in table order.</param>
/// <param name="EstimatedRows">The source's row estimate, when known: a PostgreSQL table above the exact limit is not counted (that would read it all).</param>
public sealed record ProfileTarget(ConnectionSettings Connection, string Schema, string Table, IReadOnlyList<ProfileColumn> Columns, long? EstimatedRows = null);

/// <summary>A column to profile and its native SQL type (which decides the statistics that apply).</summary>
public sealed record ProfileColumn(string Name, string? NativeType);
