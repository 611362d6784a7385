using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Lineage.Sql;

/// <summary>
/// Turns a dataset's producing SQL into lineage: runs the engine's SQL lineage analyzer with the catalog as its schema
/// resolver (so <c>SELECT *</c> expands to the known columns), maps the tables it names onto catalog datasets, and
/// yields dataset and column edges with their OpenLineage transformation and expression.
/// </summary>
public sealed class SqlLineageRecorder(IEntityStore store, ILineageStore lineageStore, SqlLineageAnalyzer analyzer)
{
    /// <summary>The origin of edges derived from SQL.</summary>
    public const string Origin = "sql";

    /// <summary>The job namespace of lineage TownLake derives itself (demo tables, views).</summary>
    public const string JobNamespace = "townlake";

    /// <summary>
    /// Derives the lineage into <see cref="SqlDerivation.DownstreamUrn"/> and records it (replacing what this origin and job
    /// recorded before), together with the job and its SQL.
    /// </summary>
    public async Task<SqlDerivedLineage> RecordAsync(SqlDerivation derivation, string jobNamespace, string jobName, string actor, CancellationToken cancellationToken)
    {
        var jobUrn = Urn.Job(jobNamespace, jobName);
        await store.SaveAsync<Job>(jobUrn, existing => (existing ?? new Job { Urn = jobUrn, Name = jobName, Namespace = jobNamespace }) with
        {
            Sql = derivation.Sql,
            Removed = false,
        }, actor, cancellationToken);
        var derived = await DeriveAsync(derivation, cancellationToken);
        await lineageStore.ReplaceLineageAsync(derivation.DownstreamUrn, derivation.Origin, jobUrn,
            derived.Edges.Select(e => e with { JobUrn = jobUrn }).ToList(), cancellationToken);
        return derived;
    }

    /// <summary>Derives the edges without storing anything.</summary>
    public async Task<SqlDerivedLineage> DeriveAsync(SqlDerivation derivation, CancellationToken cancellationToken)
    {
        var resolve = derivation.ResolveTable ?? (table => DefaultUrn(table));
        var columnsByUrn = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        async ValueTask<IReadOnlyList<string>?> Schema(SqlTableName table, CancellationToken ct)
        {
            if (resolve(table) is not { } urn)
            {
                return null;
            }

            if (!columnsByUrn.TryGetValue(urn, out var columns))
            {
                columns = derivation.KnownColumns?.Invoke(urn)
                    ?? (await store.GetAsync<Dataset>(urn, ct) is { Columns.Count: > 0 } dataset ? dataset.Columns.Select(c => c.Name).ToList() : null);
                columnsByUrn[urn] = columns;
            }

            return columns;
        }

        var results = await analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(derivation.Sql)
        {
            Dialect = derivation.Dialect,
            DefaultCatalog = derivation.DefaultCatalog,
            DefaultSchema = derivation.DefaultSchema,
            Schemas = Schema,
        }, cancellationToken);
        var result = ProducerOf(results, derivation.DownstreamUrn, resolve);

        var edges = new List<LineageEdge>();
        var inputs = new List<string>();
        foreach (var input in result.Inputs)
        {
            if (resolve(input) is { } urn && urn != derivation.DownstreamUrn && !inputs.Contains(urn))
            {
                inputs.Add(urn);
                edges.Add(Edge(urn, "", "", null, null, derivation));
            }
        }

        foreach (var column in result.Columns)
        {
            foreach (var field in column.InputFields)
            {
                if (resolve(field.Table) is { } urn && urn != derivation.DownstreamUrn)
                {
                    edges.Add(Edge(urn, field.Column, column.Name, Transformation(field), Expression(field), derivation));
                }
            }
        }

        foreach (var field in result.DatasetLineage)
        {
            if (resolve(field.Table) is { } urn && urn != derivation.DownstreamUrn)
            {
                edges.Add(Edge(urn, field.Column, "", Transformation(field), null, derivation));
            }
        }

        return new SqlDerivedLineage(edges, inputs, result.Diagnostics, result.Parsed);
    }

    /// <summary>
    /// The statement that writes <paramref name="downstreamUrn"/>: a Hive multi-insert (<c>FROM src INSERT … INSERT …</c>) or
    /// a script writes several targets, and each output's lineage is the branch writing it. A text with one statement, or
    /// none naming this target (a bare SELECT), yields its first.
    /// </summary>
    private static SqlLineageResult ProducerOf(IReadOnlyList<SqlLineageResult> results, string downstreamUrn, Func<SqlTableName, string?> resolve)
    {
        if (results.Count == 0)
        {
            return new SqlLineageResult(SqlStatementKind.Other, null, [], [], [], [],
                [new SqlDiagnostic(SqlDiagnosticSeverity.Error, "The SQL text holds no statement, only comments or semicolons.")]);
        }

        // The caller's resolver may know only the inputs (an OpenLineage event's), so the target also counts when its
        // written name is a suffix of the downstream dataset's name.
        var name = Urn.DatasetNameOf(downstreamUrn);
        var downstream = new SqlTableMatcher().Add(downstreamUrn, [name.Catalog, name.Schema, name.Table]);
        var writers = results.Where(r => r.Target is { } target && (resolve(target) == downstreamUrn || downstream.Match(target) == downstreamUrn)).ToList();
        return writers.Count switch
        {
            0 => results[0],
            1 => writers[0],
            _ => writers[0] with
            {
                Inputs = [.. writers.SelectMany(w => w.Inputs).Distinct()],
                Columns = [.. writers.SelectMany(w => w.Columns)],
                DatasetLineage = [.. writers.SelectMany(w => w.DatasetLineage)],
                Diagnostics = [.. writers.SelectMany(w => w.Diagnostics)],
            },
        };
    }

    /// <summary>The catalog dataset a three-part SQL name denotes (null for paths and shorter names).</summary>
    public static string? DefaultUrn(SqlTableName table) =>
        table is { IsPath: false, Catalog: { } catalog, Schema: { } schema } && !catalog.Contains('.')
            ? Urn.Dataset(new DatasetName(catalog, schema, table.Name))
            : null;

    /// <summary>How an input field reaches its output, e.g. <c>DIRECT/TRANSFORMATION</c> (several joined by a comma).</summary>
    public static string Transformation(InputFieldLineage field) =>
        string.Join(",", field.Transformations.Select(t => $"{t.TypeName}/{t.SubtypeName}").Distinct());

    private static string? Expression(InputFieldLineage field) => field.Transformations.Select(t => t.Expression).FirstOrDefault(e => !string.IsNullOrEmpty(e));

    private static LineageEdge Edge(string upstream, string upstreamColumn, string downstreamColumn, string? transformation, string? expression, SqlDerivation derivation) => new()
    {
        UpstreamUrn = upstream,
        DownstreamUrn = derivation.DownstreamUrn,
        UpstreamColumn = upstreamColumn,
        DownstreamColumn = downstreamColumn,
        Origin = derivation.Origin,
        Transformation = transformation,
        Expression = expression,
    };
}

/// <summary>
/// What to derive lineage from: the SQL producing <see cref="DownstreamUrn"/>, its dialect and default catalog/schema,
/// how SQL table names map to catalog datasets (default: three-part names as they are) and columns known besides the
/// catalog's (e.g. from an OpenLineage event's schema facets).
/// </summary>
public sealed record SqlDerivation(string Sql, string DownstreamUrn)
{
    public string Origin { get; init; } = SqlLineageRecorder.Origin;

    public SqlDialect Dialect { get; init; } = SqlDialect.Generic;

    public string? DefaultCatalog { get; init; }

    public string? DefaultSchema { get; init; }

    /// <summary>Maps a table the SQL names to a catalog dataset URN; null leaves the table out of the lineage.</summary>
    public Func<SqlTableName, string?>? ResolveTable { get; init; }

    /// <summary>Column names of a dataset URN known to the caller; null falls back to the catalog.</summary>
    public Func<string, IReadOnlyList<string>?>? KnownColumns { get; init; }
}

/// <summary>Derived edges (dataset- and column-level), the input datasets, and the analyzer's diagnostics.</summary>
public sealed record SqlDerivedLineage(IReadOnlyList<LineageEdge> Edges, IReadOnlyList<string> InputUrns, IReadOnlyList<SqlDiagnostic> Diagnostics, bool Parsed);
