namespace TownLake.Engine.Sql;

/// <summary>A column of a real table or file: the end point every lineage edge leads back to.</summary>
internal readonly record struct SourceField(SqlTableName Table, string Column);

/// <summary>One edge from a source column to a value being computed, with how the value depends on it.</summary>
internal sealed record LineageEdge(SourceField Field, TransformationType Type, TransformationSubtype Subtype, bool Masking)
{
    /// <summary>The same dependency seen through an outer expression: direct edges take the stronger subtype.</summary>
    public LineageEdge Through(TransformationSubtype outer, bool masking) =>
        Type == TransformationType.Direct
            ? this with { Subtype = Stronger(Subtype, outer), Masking = Masking || masking }
            : this;

    public LineageEdge AsIndirect(TransformationSubtype subtype) => new(Field, TransformationType.Indirect, subtype, false);

    /// <summary>IDENTITY &lt; TRANSFORMATION &lt; AGGREGATION: an aggregate over a transformed value is an aggregation.</summary>
    public static TransformationSubtype Stronger(TransformationSubtype a, TransformationSubtype b) => (TransformationSubtype)Math.Max((int)a, (int)b);
}

/// <summary>A column produced by a query (or exposed by a relation) and the edges it carries.</summary>
internal sealed record BoundColumn(string Name, IReadOnlyList<LineageEdge> Edges);

/// <summary>A bound query: its output columns and the indirect edges that shape all of its rows.</summary>
internal sealed record BoundQuery(IReadOnlyList<BoundColumn> Columns, IReadOnlyList<LineageEdge> DatasetEdges);

/// <summary>Something in a FROM clause: a table with known or unknown columns, a CTE, a subquery, a table function.</summary>
internal sealed class Relation
{
    public required string? Alias { get; init; }

    /// <summary>The real table behind the relation, when it is one (for qualifier matching and open schemas).</summary>
    public SqlTableName? Table { get; init; }

    /// <summary>Known columns; null when the table's schema is unknown and any column name is taken on trust.</summary>
    public IReadOnlyList<BoundColumn>? Columns { get; init; }

    public bool IsOpen => Columns is null && Table is not null;

    /// <summary>Right side of SEMI/ANTI joins: it filters rows but exposes no columns to the select list.</summary>
    public bool Hidden { get; init; }
}

/// <summary>The relations visible at one query level, with a link to the enclosing level for correlated references.</summary>
internal sealed class Scope(Scope? parent)
{
    public Scope? Parent { get; } = parent;

    public List<Relation> Relations { get; } = [];

    /// <summary>Select-list aliases, usable by GROUP BY, HAVING, ORDER BY and (in DuckDB) WHERE.</summary>
    public Dictionary<string, BoundColumn> SelectAliases { get; } = new(StringComparer.OrdinalIgnoreCase);
}
