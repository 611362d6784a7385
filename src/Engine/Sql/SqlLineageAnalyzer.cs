using System.Text;
using System.Text.Json.Nodes;

namespace TownLake.Engine.Sql;

/// <summary>
/// Derives table- and column-level lineage from one SQL statement, using DuckDB's parser. Safe to share:
/// calls into the parser are serialized. Never throws for bad SQL; problems come back as diagnostics, with
/// table-level lineage from a token scan when the statement cannot be parsed.
/// </summary>
public sealed partial class SqlLineageAnalyzer : IDisposable
{
    private readonly DuckDbSqlParser _parser = DuckDbSqlParser.Open();

    /// <summary>
    /// Analyzes one statement: kind, target, inputs, columns read, column lineage and diagnostics. When the text
    /// holds several statements (or a Hive multi-insert), only the first is analyzed and a warning says so;
    /// use <see cref="AnalyzeScriptAsync"/> to get them all.
    /// </summary>
    public async Task<SqlLineageResult> AnalyzeAsync(SqlAnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var units = Split(request);
        if (units.Count == 0)
        {
            return Empty(SqlStatementKind.Other, null, [new SqlDiagnostic(SqlDiagnosticSeverity.Error, "The SQL text holds no statement, only comments or semicolons.")]);
        }

        var diagnostics = new List<SqlDiagnostic>();
        if (units.Count > 1)
        {
            diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Warning,
                $"The text holds {units.Count} statements (counting each multi-insert branch); only the first was analyzed.", units[1].Tokens.FirstOrDefault(t => !t.IsTrivia)?.Start));
        }

        return await AnalyzeUnitAsync(units[0], request, diagnostics, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Analyzes every statement of a script, in order; a Hive multi-insert gives one result per INSERT branch.</summary>
    public async Task<IReadOnlyList<SqlLineageResult>> AnalyzeScriptAsync(SqlAnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = new List<SqlLineageResult>();
        foreach (var unit in Split(request))
        {
            results.Add(await AnalyzeUnitAsync(unit, request, [], cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Which tables and columns the statement reads (the same analysis, trimmed for access checks).</summary>
    public async Task<SqlReadSet> GetReadSetAsync(SqlAnalysisRequest request, CancellationToken cancellationToken = default)
    {
        var result = await AnalyzeAsync(request, cancellationToken).ConfigureAwait(false);
        var tables = result.ColumnsRead.ToList();
        foreach (var input in result.Inputs.Where(i => tables.All(t => !t.Table.Equals(i))))
        {
            // Read without naming a column (count(*), EXISTS): the table itself is still accessed.
            tables.Add(new TableColumnsRead(input, [], AllColumns: !result.Parsed));
        }

        return new SqlReadSet(tables, result.Parsed, result.Diagnostics);
    }

    /// <summary>How many times this analyzer has asked DuckDB to parse a statement (every analysis entry point counts).</summary>
    public long ParseCount => _parser.ParseCount;

    public void Dispose() => _parser.Dispose();

    /// <summary>Tokenizes, splits at top-level semicolons, rewrites the dialect and reads each statement's head.</summary>
    private static List<StatementUnit> Split(SqlAnalysisRequest request)
    {
        var all = SqlTokenizer.Tokenize(request.Sql ?? "", request.Dialect);
        var units = new List<StatementUnit>();
        for (var start = 0; start < all.Count;)
        {
            var end = SqlTokenCursor.NextTopLevel(all, start, IsSemicolon);
            while (end < all.Count && !IsSemicolon(all[end]))
            {
                // A ')' that closes nothing ends no statement: it stays in this one, for the parser to report.
                end = SqlTokenCursor.NextTopLevel(all, end + 1, IsSemicolon);
            }

            var statement = all.Skip(start).Take(end - start).ToList();
            if (statement.Any(t => !t.IsTrivia))
            {
                var tokens = SqlDialectRewriter.Rewrite(statement, request.Dialect);
                units.AddRange(StatementHeadReader.Read(tokens).Select(head => new StatementUnit(tokens, head)));
            }

            start = end + 1;
        }

        return units;

        static bool IsSemicolon(SqlToken token) => token.IsSymbol(";");
    }

    private async Task<SqlLineageResult> AnalyzeUnitAsync(StatementUnit unit, SqlAnalysisRequest request, List<SqlDiagnostic> diagnostics,
        CancellationToken cancellationToken)
    {
        var (tokens, head) = unit;
        var target = NameOf(head.Target, head.TargetIsPath, request);

        if (head.Query is null)
        {
            if (head.Source is not null)
            {
                return await CopyAsync(head, target, request, diagnostics, cancellationToken).ConfigureAwait(false);
            }

            // Not a statement we read lineage from (DDL, DELETE…) — or a malformed one: let DuckDB tell which.
            var (text, map) = Render(tokens);
            var check = await _parser.ParseAsync(text, cancellationToken).ConfigureAwait(false);
            if (check.IsSyntaxError)
            {
                diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Error, $"Could not parse the statement: {check.Error}",
                    check.ErrorPosition is { } at ? MapPosition(map, at) : null));
                return TableLevelOnly(head.Kind, target, tokens, request, diagnostics, null);
            }

            return TableLevelOnly(head.Kind, target, tokens, request, diagnostics,
                head.Kind == SqlStatementKind.Other ? "Statement is not a query; only table-level references were read." : null);
        }

        var (queryText, offsets) = Render(head.Query);
        var parsed = await _parser.ParseAsync(queryText, cancellationToken).ConfigureAwait(false);
        if (parsed.Statements is not { Count: > 0 } statements || statements[0]?["node"] is not JsonObject root)
        {
            var position = parsed.ErrorPosition is { } p ? Math.Min(MapPosition(offsets, p), request.Sql.Length) : (int?)null;
            diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Error, $"Could not parse the statement: {parsed.Error}", position));
            return TableLevelOnly(head.Kind, target, tokens, request, diagnostics, null);
        }

        var tables = ParseTree.TableNamesIn(root).Select(t => t.Qualify(request.DefaultCatalog, request.DefaultSchema)).ToList();
        if (target is not null)
        {
            tables.Add(target);
        }

        var schemas = await ResolveAsync(tables, request, cancellationToken).ConfigureAwait(false);
        var binder = new LineageBinder(schemas, _parser.AggregateFunctions, t => t.Qualify(request.DefaultCatalog, request.DefaultSchema), diagnostics,
            request.Dialect);
        BoundQuery bound;
        try
        {
            bound = binder.BindQuery(root, null, CteEnvironment.Empty);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The parse tree had a shape the binder does not handle: report it and keep table-level lineage
            // rather than fail the caller (an ingestion run or a user's query).
            diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Error, $"Could not derive column lineage: {e.Message}"));
            return TableLevelOnly(head.Kind, target, tokens, request, diagnostics, null);
        }

        var names = OutputNames(head, bound, target is null ? null : schemas.GetValueOrDefault(target), diagnostics);
        var expressions = await ExpressionsAsync(root, bound, cancellationToken).ConfigureAwait(false);
        var columns = bound.Columns
            .Select((c, i) => new OutputColumnLineage(names[i], Merge(c.Edges, expressions.GetValueOrDefault(i))))
            .ToList();
        return new SqlLineageResult(head.Kind, target, binder.Inputs, binder.ColumnsRead,
            columns, Merge(bound.DatasetEdges, null), diagnostics);
    }

    private static (string Text, List<(int Out, int Original)> Offsets) Render(IReadOnlyList<SqlToken> tokens)
    {
        var text = new StringBuilder();
        var offsets = new List<(int, int)>(tokens.Count);
        foreach (var token in tokens)
        {
            offsets.Add((text.Length, token.Start));
            text.Append(token.Text);
        }

        return (text.ToString(), offsets);
    }

    private static int MapPosition(List<(int Out, int Original)> offsets, int position)
    {
        var best = offsets.Count > 0 ? offsets[0] : (0, 0);
        foreach (var offset in offsets)
        {
            if (offset.Out > position)
            {
                break;
            }

            best = offset;
        }

        return best.Item2 + Math.Max(0, position - best.Item1);
    }

    private static SqlTableName? NameOf(IReadOnlyList<string>? parts, bool isPath, SqlAnalysisRequest request)
    {
        if (parts is null || parts.Count == 0 || string.IsNullOrWhiteSpace(parts[^1]))
        {
            return null;
        }

        if (isPath)
        {
            return SqlTableName.Path(parts[0]);
        }

        var name = parts.Count switch
        {
            1 => new SqlTableName(null, null, parts[0]),
            2 => new SqlTableName(null, parts[0], parts[1]),
            _ => new SqlTableName(string.Join('.', parts.Take(parts.Count - 2)), parts[^2], parts[^1]),
        };
        return name.Qualify(request.DefaultCatalog, request.DefaultSchema);
    }

    private static async Task<Dictionary<SqlTableName, IReadOnlyList<string>?>> ResolveAsync(
        IEnumerable<SqlTableName> tables, SqlAnalysisRequest request, CancellationToken cancellationToken)
    {
        var schemas = new Dictionary<SqlTableName, IReadOnlyList<string>?>();
        foreach (var table in tables.Distinct())
        {
            schemas[table] = await request.Schemas(table, cancellationToken).ConfigureAwait(false);
        }

        return schemas;
    }

    /// <summary>
    /// Output column names: an explicit target column list wins; an INSERT without one fills the target's
    /// columns by position (as Hive, Postgres and DuckDB do); otherwise the query's own names. A Hive/Spark
    /// <c>PARTITION</c> clause takes its static columns out of the positional list and puts its dynamic ones
    /// last, where the query supplies them.
    /// </summary>
    private static List<string> OutputNames(StatementHead head, BoundQuery bound, IReadOnlyList<string>? targetColumns, List<SqlDiagnostic> diagnostics)
    {
        var names = bound.Columns.Select(c => c.Name).ToList();
        var partitioned = head.Partition.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var dynamic = head.Partition.Where(p => !p.IsStatic).Select(p => p.Name).ToList();
        var positional = head.TargetColumns is { Count: > 0 } explicitColumns ? [.. explicitColumns.Where(c => !partitioned.Contains(c)), .. dynamic]
            : head.Kind == SqlStatementKind.Insert && targetColumns is not null ? [.. targetColumns.Where(c => !partitioned.Contains(c)), .. dynamic]
            : (List<string>?)null;
        if (positional is null)
        {
            // Target columns unknown: only the dynamic partition columns are known to be the query's last ones.
            for (var i = 0; i < dynamic.Count && dynamic.Count <= names.Count; i++)
            {
                names[names.Count - dynamic.Count + i] = dynamic[i];
            }

            return names;
        }

        if (positional.Count != names.Count)
        {
            diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Warning,
                $"The query yields {names.Count} columns but the target lists {positional.Count}; columns are matched by position as far as they go."));
        }

        for (var i = 0; i < names.Count && i < positional.Count; i++)
        {
            names[i] = positional[i];
        }

        return names;
    }

    /// <summary>SQL text of each top-level select item, used as the description of direct, non-identity edges.</summary>
    private async Task<Dictionary<int, string>> ExpressionsAsync(JsonObject root, BoundQuery bound, CancellationToken cancellationToken)
    {
        var expressions = new Dictionary<int, string>();
        if (ParseTree.Str(root, "type") != "SELECT_NODE" || root["select_list"] is not JsonArray items
            || items.Any(i => ParseTree.Str(i, "class") == "STAR") || items.Count != bound.Columns.Count)
        {
            return expressions;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonObject item && ParseTree.Str(item, "class") != "COLUMN_REF"
                && bound.Columns[i].Edges.Any(e => e.Type == TransformationType.Direct && e.Subtype != TransformationSubtype.Identity)
                && await _parser.RenderExpressionAsync(item, cancellationToken).ConfigureAwait(false) is { } text)
            {
                expressions[i] = text;
            }
        }

        return expressions;
    }

    /// <summary>Groups edges by source column, keeping each distinct transformation once, in first-seen order.</summary>
    private static List<InputFieldLineage> Merge(IEnumerable<LineageEdge> edges, string? expression)
    {
        var byField = new Dictionary<SourceField, List<ColumnTransformation>>();
        var order = new List<SourceField>();
        foreach (var edge in edges)
        {
            if (!byField.TryGetValue(edge.Field, out var transformations))
            {
                byField[edge.Field] = transformations = [];
                order.Add(edge.Field);
            }

            var text = edge.Type == TransformationType.Direct && edge.Subtype != TransformationSubtype.Identity ? expression : null;
            var transformation = new ColumnTransformation(edge.Type, edge.Subtype, edge.Masking, text);
            if (!transformations.Contains(transformation))
            {
                transformations.Add(transformation);
            }
        }

        return [.. order.Select(f => new InputFieldLineage(f.Table, f.Column, byField[f]))];
    }

    /// <summary>COPY, LOAD DATA, IMPORT/EXPORT: every column of the source lands unchanged in the same-named target column.</summary>
    private static async Task<SqlLineageResult> CopyAsync(StatementHead head, SqlTableName? target, SqlAnalysisRequest request,
        List<SqlDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var source = NameOf(head.Source, head.SourceIsPath, request)!;
        var columns = await request.Schemas(source, cancellationToken).ConfigureAwait(false);
        if (columns is null && target is not null)
        {
            columns = head.TargetColumns ?? await request.Schemas(target, cancellationToken).ConfigureAwait(false);
        }

        if (columns is null)
        {
            diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Warning, $"Columns of {source} are unknown; only table-level lineage is available."));
        }

        var lineage = (columns ?? []).Select(c => new OutputColumnLineage(c,
            [new InputFieldLineage(source, c, [new ColumnTransformation(TransformationType.Direct, TransformationSubtype.Identity)])])).ToList();
        var read = new TableColumnsRead(source, columns ?? [], AllColumns: true);
        return new SqlLineageResult(head.Kind, target, [source], [read], lineage, [], diagnostics);
    }

    private static SqlLineageResult TableLevelOnly(SqlStatementKind kind, SqlTableName? target, IReadOnlyList<SqlToken> tokens,
        SqlAnalysisRequest request, List<SqlDiagnostic> diagnostics, string? note)
    {
        var inputs = TableReferenceScanner.Scan(tokens)
            .Select(r => NameOf(r.Parts, r.IsPath, request))
            .OfType<SqlTableName>()
            .Where(t => !t.Equals(target) || kind is SqlStatementKind.Update or SqlStatementKind.Merge)
            .Distinct()
            .ToList();
        if (note is not null && inputs.Count > 0)
        {
            diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Warning, note));
        }

        return new SqlLineageResult(kind, target, inputs, [.. inputs.Select(t => new TableColumnsRead(t, [], AllColumns: true))], [], [], diagnostics);
    }

    private static SqlLineageResult Empty(SqlStatementKind kind, SqlTableName? target, List<SqlDiagnostic> diagnostics) =>
        new(kind, target, [], [], [], [], diagnostics);

    /// <summary>One statement (or multi-insert branch): its rewritten tokens and its head.</summary>
    private sealed record StatementUnit(IReadOnlyList<SqlToken> Tokens, StatementHead Head)
    {
        /// <summary>How many units the text split into (set on the first one by the statement analysis).</summary>
        public int Count { get; init; } = 1;
    }
}
