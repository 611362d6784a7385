using TownLake.Engine.Execution;
using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

/// <summary>
/// The query front's analysis of a statement: every dataset and column it reads, however the statement reaches them.
/// Each case is one of the ways a query can try to read a column without naming its table plainly.
/// </summary>
public sealed class StatementAnalysisTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    private static readonly SqlSchemaResolver Schemas = SqlSchemaResolvers.FromTables(new Dictionary<string, IReadOnlyList<string>>
    {
        ["shop.public.customers"] = ["id", "name", "email", "region"],
        ["shop.public.orders"] = ["id", "customer_id", "amount"],
    });

    private Task<StatementAnalysis> AnalyzeAsync(string sql, bool withSchemas = true) =>
        fixture.Analyzer.AnalyzeStatementAsync(sql, withSchemas ? Schemas : null);

    private static IReadOnlyList<string> ColumnsOf(StatementAnalysis analysis, string dataset) =>
        analysis.Datasets.Single(d => string.Equals(d.Written.ToString(), dataset, StringComparison.OrdinalIgnoreCase)).Columns;

    private static IReadOnlyList<string> Names(StatementAnalysis analysis) => [.. analysis.Datasets.Select(d => d.Written.ToString()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Alias_resolves_to_its_table()
    {
        var analysis = await AnalyzeAsync("SELECT c.email FROM shop.public.customers AS c WHERE c.region = 'EU'");

        Assert.True(analysis.IsReadOnly);
        Assert.True(analysis.Parsed);
        Assert.Equal(SqlStatementKind.Select, analysis.Kind);
        Assert.Equal(["email", "region"], ColumnsOf(analysis, "shop.public.customers"));
    }

    [Fact]
    public async Task Cte_column_is_traced_to_the_table_behind_it()
    {
        var analysis = await AnalyzeAsync("WITH x AS (SELECT email AS contact FROM shop.public.customers) SELECT contact FROM x");

        Assert.Equal(["shop.public.customers"], Names(analysis));
        Assert.Equal(["email"], ColumnsOf(analysis, "shop.public.customers"));
    }

    [Fact]
    public async Task Nested_subqueries_are_traced_to_the_table()
    {
        var analysis = await AnalyzeAsync("SELECT e FROM (SELECT e FROM (SELECT email AS e FROM shop.public.customers) a) b");

        Assert.Equal(["email"], ColumnsOf(analysis, "shop.public.customers"));
    }

    [Fact]
    public async Task Star_expands_to_every_column_when_the_schema_is_known()
    {
        var analysis = await AnalyzeAsync("SELECT * FROM shop.public.customers");

        var customers = Assert.Single(analysis.Datasets);
        Assert.Equal(["email", "id", "name", "region"], customers.Columns);
        Assert.False(customers.AllColumns);
    }

    [Fact]
    public async Task Star_without_a_schema_reads_all_columns()
    {
        var analysis = await AnalyzeAsync("SELECT * FROM shop.public.customers", withSchemas: false);

        Assert.True(Assert.Single(analysis.Datasets).AllColumns);
    }

    [Fact]
    public async Task Qualified_star_expands_only_its_table()
    {
        var analysis = await AnalyzeAsync("SELECT o.* FROM shop.public.orders o JOIN shop.public.customers c ON c.id = o.customer_id");

        Assert.Equal(["amount", "customer_id", "id"], ColumnsOf(analysis, "shop.public.orders"));
        Assert.Equal(["id"], ColumnsOf(analysis, "shop.public.customers"));
    }

    [Fact]
    public async Task Using_join_reads_the_join_column_of_both_sides()
    {
        var analysis = await AnalyzeAsync("SELECT email FROM shop.public.customers JOIN (SELECT customer_id AS id FROM shop.public.orders) o USING (id)");

        Assert.Equal(["email", "id"], ColumnsOf(analysis, "shop.public.customers"));
        Assert.Equal(["customer_id"], ColumnsOf(analysis, "shop.public.orders"));
    }

    [Fact]
    public async Task Union_reads_every_branch()
    {
        var analysis = await AnalyzeAsync("SELECT email FROM shop.public.customers UNION ALL SELECT CAST(amount AS VARCHAR) FROM shop.public.orders");

        Assert.Equal(["shop.public.customers", "shop.public.orders"], Names(analysis));
        Assert.Equal(["email"], ColumnsOf(analysis, "shop.public.customers"));
        Assert.Equal(["amount"], ColumnsOf(analysis, "shop.public.orders"));
    }

    [Fact]
    public async Task Lateral_join_reads_the_outer_column_it_uses()
    {
        var analysis = await AnalyzeAsync("SELECT c.id, l.e FROM shop.public.customers c, LATERAL (SELECT upper(c.email) AS e) l");

        Assert.Equal(["email", "id"], ColumnsOf(analysis, "shop.public.customers"));
    }

    [Fact]
    public async Task Window_function_reads_its_partition_and_order_columns()
    {
        var analysis = await AnalyzeAsync("SELECT id, row_number() OVER (PARTITION BY region ORDER BY email) FROM shop.public.customers");

        Assert.Equal(["email", "id", "region"], ColumnsOf(analysis, "shop.public.customers"));
    }

    [Fact]
    public async Task Group_by_all_reads_the_grouped_columns()
    {
        var analysis = await AnalyzeAsync("SELECT region, count(DISTINCT email) FROM shop.public.customers GROUP BY ALL");

        Assert.Equal(["email", "region"], ColumnsOf(analysis, "shop.public.customers"));
    }

    [Fact]
    public async Task Quoted_mixed_case_identifiers_keep_their_spelling_and_still_match_the_schema()
    {
        var analysis = await AnalyzeAsync("SELECT \"EMAIL\" FROM \"Shop\".\"Public\".\"Customers\"");

        var customers = Assert.Single(analysis.Datasets);
        Assert.Equal("Shop.Public.Customers", customers.Written.ToString());
        Assert.Equal(new SqlTableName("Shop", "Public", "Customers"), customers.Resolved);
        Assert.Contains(customers.Columns, c => string.Equals(c, "email", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Two_part_name_resolves_to_the_connection_main_schema()
    {
        var analysis = await AnalyzeAsync("SELECT count(*) FROM lake.facts");

        var facts = Assert.Single(analysis.Datasets);
        Assert.Equal("lake.main.facts", facts.Resolved!.ToString());
        Assert.Empty(facts.Columns);
        Assert.False(facts.AllColumns);
    }

    [Fact]
    public async Task Table_functions_are_listed_with_their_literal_arguments()
    {
        var analysis = await AnalyzeAsync("""
            SELECT * FROM read_csv('/etc/passwd', header = true)
            UNION ALL SELECT * FROM query('SELECT 1')
            UNION ALL SELECT * FROM query_table('shop.public.customers')
            UNION ALL SELECT * FROM glob('/data/*')
            UNION ALL SELECT * FROM read_parquet(['a.parquet', 'b.parquet'])
            UNION ALL SELECT * FROM range(o.n) o
            """);

        Assert.Equal(
            ["read_csv(/etc/passwd, header=true)", "query(SELECT 1)", "query_table(shop.public.customers)", "glob(/data/*)",
             "read_parquet([a.parquet, b.parquet])", "range(?)"],
            analysis.TableFunctions.Select(f => $"{f.Name}({string.Join(", ", f.Arguments.Select(a => a ?? "?"))})"));
        Assert.Contains(analysis.Datasets, d => d.Written.IsPath && d.Written.Name == "/etc/passwd");
    }

    [Fact]
    public async Task Table_function_inside_a_subquery_is_found()
    {
        var analysis = await AnalyzeAsync("SELECT * FROM shop.public.customers WHERE id IN (SELECT * FROM duckdb_columns())");

        Assert.Equal(["duckdb_columns"], analysis.TableFunctions.Select(f => f.Name));
    }

    [Theory]
    [InlineData("DESCRIBE shop.public.customers")]
    [InlineData("SHOW shop.public.customers")]
    [InlineData("SUMMARIZE shop.public.customers")]
    public async Task Describe_show_and_summarize_read_every_column_of_their_table(string sql)
    {
        var analysis = await AnalyzeAsync(sql, withSchemas: false);

        Assert.True(analysis.IsReadOnly);
        Assert.Equal(SqlStatementKind.Select, analysis.Kind);
        Assert.True(Assert.Single(analysis.Datasets).AllColumns);
    }

    [Fact]
    public async Task Explain_is_refused_as_not_read_only()
    {
        var analysis = await AnalyzeAsync("EXPLAIN SELECT * FROM shop.public.customers");

        Assert.Equal(QueryErrorKind.NotReadOnly, analysis.Refusal?.Kind);
        Assert.False(analysis.IsReadOnly);
    }

    [Fact]
    public async Task Insert_is_refused_but_its_reads_are_still_known()
    {
        var analysis = await AnalyzeAsync("INSERT INTO shop.public.orders SELECT id, id, 0 FROM shop.public.customers");

        Assert.Equal(SqlStatementKind.Insert, analysis.Kind);
        Assert.Equal(QueryErrorKind.NotReadOnly, analysis.Refusal?.Kind);
        Assert.Equal(["id"], ColumnsOf(analysis, "shop.public.customers"));
    }

    [Fact]
    public async Task Syntax_error_is_refused_with_its_line_and_column_and_tables_come_from_a_token_scan()
    {
        var analysis = await AnalyzeAsync("SELECT email\nFROM shop.public.customers WHERE (");

        Assert.False(analysis.Parsed);
        var refusal = Assert.IsType<QueryError>(analysis.Refusal);
        Assert.Equal(QueryErrorKind.InvalidSql, refusal.Kind);
        Assert.Equal(2, refusal.Line);
        Assert.StartsWith("Syntax error (line 2, column ", refusal.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(analysis.Datasets).AllColumns);
    }

    [Theory]
    [InlineData("SELECT 1; SELECT 2", "holds 2 statements")]
    [InlineData("-- nothing\n;", "holds no statement")]
    public async Task Empty_or_several_statements_are_refused_as_invalid_requests(string sql, string message)
    {
        var analysis = await AnalyzeAsync(sql);

        Assert.Equal(QueryErrorKind.InvalidRequest, analysis.Refusal?.Kind);
        Assert.Contains(message, analysis.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_analysis_parses_the_statement_once()
    {
        var before = fixture.Analyzer.ParseCount;

        await AnalyzeAsync("WITH a AS (SELECT * FROM shop.public.customers) SELECT * FROM a JOIN shop.public.orders o ON o.customer_id = a.id");

        Assert.Equal(1, fixture.Analyzer.ParseCount - before);
    }
}
