namespace TownLake.Engine.Sql;

/// <summary>
/// What one SQL statement reads and writes, down to columns. The column lineage mirrors the OpenLineage
/// <c>columnLineage</c> facet: <see cref="Columns"/> is its <c>fields</c> (per output column, direct edges plus
/// the indirect ones that touch only that column: WINDOW, CONDITIONAL) and <see cref="DatasetLineage"/> is its
/// <c>dataset</c> list (indirect edges that shape every row: JOIN, FILTER, GROUP_BY, SORT).
/// </summary>
public sealed record SqlLineageResult(
    SqlStatementKind Kind,
    SqlTableName? Target,
    IReadOnlyList<SqlTableName> Inputs,
    IReadOnlyList<TableColumnsRead> ColumnsRead,
    IReadOnlyList<OutputColumnLineage> Columns,
    IReadOnlyList<InputFieldLineage> DatasetLineage,
    IReadOnlyList<SqlDiagnostic> Diagnostics)
{
    /// <summary>True when the statement was parsed and bound without errors (warnings allowed).</summary>
    public bool Parsed => Diagnostics.All(d => d.Severity != SqlDiagnosticSeverity.Error);
}

/// <summary>Kinds of statements the analyzer tells apart.</summary>
public enum SqlStatementKind
{
    Select,
    CreateTableAs,
    CreateView,
    Insert,
    Merge,
    Update,
    /// <summary>Bulk moves between a table and files: COPY, Hive LOAD DATA, IMPORT TABLE, EXPORT TABLE.</summary>
    Copy,
    Other,
}

/// <summary>The lineage of one output column: every input field it was computed from, and how.</summary>
public sealed record OutputColumnLineage(string Name, IReadOnlyList<InputFieldLineage> InputFields);

/// <summary>One input column and the transformations that lead from it to an output (OpenLineage <c>inputFields[]</c>).</summary>
public sealed record InputFieldLineage(SqlTableName Table, string Column, IReadOnlyList<ColumnTransformation> Transformations);

/// <summary>
/// One transformation step (OpenLineage <c>transformations[]</c>). <see cref="Expression"/> is the SQL text of the
/// output expression for direct, non-identity edges (OpenLineage <c>description</c>).
/// </summary>
public sealed record ColumnTransformation(TransformationType Type, TransformationSubtype Subtype, bool Masking = false, string? Expression = null)
{
    /// <summary>OpenLineage's spelling of the type: <c>DIRECT</c> or <c>INDIRECT</c>.</summary>
    public string TypeName => Type == TransformationType.Direct ? "DIRECT" : "INDIRECT";

    /// <summary>OpenLineage's spelling of the subtype, e.g. <c>GROUP_BY</c>.</summary>
    public string SubtypeName => Subtype switch
    {
        TransformationSubtype.GroupBy => "GROUP_BY",
        _ => Subtype.ToString().ToUpperInvariant(),
    };
}

/// <summary>OpenLineage transformation types.</summary>
public enum TransformationType
{
    Direct,
    Indirect,
}

/// <summary>OpenLineage transformation subtypes; the first three are direct, the rest indirect.</summary>
public enum TransformationSubtype
{
    Identity,
    Transformation,
    Aggregation,
    Join,
    Filter,
    GroupBy,
    Sort,
    Window,
    Conditional,
}

/// <summary>The columns a statement reads from one table; <see cref="AllColumns"/> when a <c>*</c> could not be expanded.</summary>
public sealed record TableColumnsRead(SqlTableName Table, IReadOnlyList<string> Columns, bool AllColumns);

/// <summary>A problem found while analyzing; <see cref="Position"/> is a 0-based offset into the original SQL text when known.</summary>
public sealed record SqlDiagnostic(SqlDiagnosticSeverity Severity, string Message, int? Position = null);

/// <summary>How serious a diagnostic is.</summary>
public enum SqlDiagnosticSeverity
{
    Warning,
    Error,
}
