using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

/// <summary>One analyzer (one in-memory DuckDB) shared by the tests of a class, plus helpers to read results.</summary>
public sealed class AnalyzerFixture : IDisposable
{
    public SqlLineageAnalyzer Analyzer { get; } = new();

    public Task<SqlLineageResult> AnalyzeAsync(string sql, SqlDialect dialect = SqlDialect.Generic, string? defaultSchema = null,
        params (string Table, string Columns)[] schemas) =>
        Analyzer.AnalyzeAsync(new SqlAnalysisRequest(sql)
        {
            Dialect = dialect,
            DefaultSchema = defaultSchema,
            Schemas = SqlSchemaResolvers.FromTables(schemas.ToDictionary(s => s.Table, s => (IReadOnlyList<string>)s.Columns.Split(','))),
        });

    public void Dispose() => Analyzer.Dispose();
}

/// <summary>Renders lineage as short sentences such as <c>t1.a DIRECT IDENTITY</c> so tests can compare sets.</summary>
internal static class LineageText
{
    public static IReadOnlySet<string> Of(SqlLineageResult result, string outputColumn)
    {
        var column = result.Columns.SingleOrDefault(c => string.Equals(c.Name, outputColumn, StringComparison.OrdinalIgnoreCase))
            ?? throw new Xunit.Sdk.XunitException($"No output column '{outputColumn}'; have {string.Join(", ", result.Columns.Select(c => c.Name))}.");
        return Describe(column.InputFields);
    }

    public static IReadOnlySet<string> Dataset(SqlLineageResult result) => Describe(result.DatasetLineage);

    public static IReadOnlyList<string> Names(SqlLineageResult result) => [.. result.Columns.Select(c => c.Name)];

    public static IReadOnlyList<string> Inputs(SqlLineageResult result) => [.. result.Inputs.Select(i => i.ToString())];

    private static HashSet<string> Describe(IEnumerable<InputFieldLineage> fields) =>
        [.. fields.SelectMany(f => f.Transformations.Select(t => $"{f.Table}.{f.Column} {t.TypeName} {t.SubtypeName}{(t.Masking ? " MASKED" : "")}"))];
}

/// <summary>Order-free comparison of lineage sentences, with both sets in the failure message.</summary>
internal static class LineageAssert
{
    public static void Same(IReadOnlyCollection<string> expected, IReadOnlySet<string> actual) =>
        Assert.True(actual.SetEquals(expected),
            $"Expected [{string.Join(", ", expected.Order())}] but got [{string.Join(", ", actual.Order())}].");
}
