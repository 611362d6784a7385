using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

/// <summary>
/// One case table per dialect: each statement must write the named targets and yield exactly the listed direct column
/// edges, compared case-exactly, so a wrong fold (<c>orders</c> for Snowflake's <c>ORDERS</c>) fails.
/// </summary>
public sealed class DialectLineageTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    /// <summary>A statement, the tables it writes, and its direct edges as <c>target.column &lt;- input.column</c>.</summary>
    public sealed record DialectCase(string Sql, string[] Targets, string[] DirectEdges, params (string Table, string Columns)[] Schemas)
    {
        public override string ToString() => Sql;
    }

    public static TheoryData<DialectCase> HiveCases => new()
    {
        // Multi-insert: every branch is a statement of its own, with the FROM clause they share.
        new DialectCase(
            "FROM Raw.Events e INSERT OVERWRITE TABLE Stage.Clicks PARTITION (ds='2024-01-01') SELECT e.User_Id, e.URL WHERE e.Kind = 'click' "
            + "INSERT INTO TABLE Stage.Views SELECT e.User_Id, upper(e.Page) AS Page_Name",
            ["stage.clicks", "stage.views"],
            ["stage.clicks.user_id <- raw.events.user_id", "stage.clicks.url <- raw.events.url",
             "stage.views.user_id <- raw.events.user_id", "stage.views.page_name <- raw.events.page"]),
        // Dynamic partition columns come last in the query, in the clause's order; static ones take no query column.
        new DialectCase(
            "INSERT OVERWRITE TABLE Db.Sales PARTITION (Country='US', DS) SELECT Id, Amount, Order_Date FROM Db.Orders",
            ["db.sales"],
            ["db.sales.id <- db.orders.id", "db.sales.amount <- db.orders.amount", "db.sales.ds <- db.orders.order_date"]),
        new DialectCase(
            "INSERT OVERWRITE TABLE db.sales PARTITION (country='US', ds) SELECT id, amount, order_date FROM db.orders",
            ["db.sales"],
            ["db.sales.id <- db.orders.id", "db.sales.amount <- db.orders.amount", "db.sales.ds <- db.orders.order_date"],
            ("db.sales", "id,amount,country,ds")),
        new DialectCase(
            "CREATE VIEW Reports.`Daily` AS SELECT `Amount` AS `Total`, Region FROM Sales.Orders",
            ["reports.Daily"],
            ["reports.Daily.Total <- sales.orders.Amount", "reports.Daily.region <- sales.orders.region"]),
    };

    public static TheoryData<DialectCase> SparkCases => new()
    {
        new DialectCase(
            "MERGE INTO Lake.Customers AS t USING Staging.Updates AS s ON t.Id = s.Id WHEN MATCHED THEN UPDATE SET t.Email = s.Email "
            + "WHEN NOT MATCHED THEN INSERT (Id, Email, Created_At) VALUES (s.Id, s.Email, current_timestamp())",
            ["lake.customers"],
            ["lake.customers.email <- staging.updates.email", "lake.customers.id <- staging.updates.id"]),
        new DialectCase(
            "MERGE INTO lake.customers t USING staging.updates s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *",
            ["lake.customers"],
            ["lake.customers.id <- staging.updates.id", "lake.customers.email <- staging.updates.email"],
            ("staging.updates", "id,email"), ("lake.customers", "id,email")),
        new DialectCase(
            "FROM Src INSERT OVERWRITE TABLE A SELECT X INSERT INTO TABLE B SELECT Y, X + 1",
            ["a", "b"],
            ["a.x <- src.x", "b.y <- src.y", "b._c1 <- src.x"]),
    };

    public static TheoryData<DialectCase> TrinoCases => new()
    {
        new DialectCase(
            "INSERT INTO Hive.Web.Daily_Visits SELECT Visit_Date, count(*) AS Visits FROM Hive.Web.Raw_Visits GROUP BY Visit_Date",
            ["hive.web.daily_visits"],
            ["hive.web.daily_visits.visit_date <- hive.web.raw_visits.visit_date"]),
        // Trino names an unnamed column _col<position>.
        new DialectCase(
            "CREATE TABLE Iceberg.Mart.Users_Upper WITH (format = 'ORC') AS SELECT Id, upper(Name) FROM Iceberg.Raw.Users",
            ["iceberg.mart.users_upper"],
            ["iceberg.mart.users_upper.id <- iceberg.raw.users.id", "iceberg.mart.users_upper._col1 <- iceberg.raw.users.name"]),
        new DialectCase(
            "CREATE OR REPLACE VIEW Lake.Mart.V AS SELECT \"Mixed\", Plain FROM Lake.Raw.T",
            ["lake.mart.v"],
            ["lake.mart.v.Mixed <- lake.raw.t.Mixed", "lake.mart.v.plain <- lake.raw.t.plain"]),
    };

    public static TheoryData<DialectCase> PostgresCases => new()
    {
        new DialectCase(
            "CREATE VIEW Public.Active_Users AS SELECT U.Id, U.\"Email\" FROM Public.Users U WHERE U.Active",
            ["public.active_users"],
            ["public.active_users.id <- public.users.id", "public.active_users.Email <- public.users.Email"]),
        new DialectCase(
            "MERGE INTO Shop.Stock t USING Shop.Deliveries d ON t.Sku = d.Sku WHEN MATCHED THEN UPDATE SET Qty = t.Qty + d.Qty "
            + "WHEN NOT MATCHED THEN INSERT (Sku, Qty) VALUES (d.Sku, d.Qty)",
            ["shop.stock"],
            ["shop.stock.qty <- shop.stock.qty", "shop.stock.qty <- shop.deliveries.qty", "shop.stock.sku <- shop.deliveries.sku"]),
    };

    public static TheoryData<DialectCase> SnowflakeCases => new()
    {
        new DialectCase(
            "INSERT INTO analytics.public.orders_daily (order_date, total) SELECT order_date, sum(amount) FROM raw.public.orders GROUP BY order_date",
            ["ANALYTICS.PUBLIC.ORDERS_DAILY"],
            ["ANALYTICS.PUBLIC.ORDERS_DAILY.ORDER_DATE <- RAW.PUBLIC.ORDERS.ORDER_DATE", "ANALYTICS.PUBLIC.ORDERS_DAILY.TOTAL <- RAW.PUBLIC.ORDERS.AMOUNT"]),
        // A quoted name keeps its case; IFF is a conditional, so its test column is no direct input.
        new DialectCase(
            "CREATE OR REPLACE SECURE VIEW mart.v_customers AS SELECT c.\"id\", c.name, IFF(c.vip, 'yes', 'no') AS tier FROM raw.customers c",
            ["MART.V_CUSTOMERS"],
            ["MART.V_CUSTOMERS.id <- RAW.CUSTOMERS.id", "MART.V_CUSTOMERS.NAME <- RAW.CUSTOMERS.NAME"]),
        // Multi-table insert: one target per INTO clause, each fed by its VALUES from the shared query.
        new DialectCase(
            "INSERT ALL INTO mart.big_orders (id, amount) VALUES (id, amount) INTO mart.order_ids (id) VALUES (id) SELECT id, amount FROM raw.orders",
            ["MART.BIG_ORDERS", "MART.ORDER_IDS"],
            ["MART.BIG_ORDERS.ID <- RAW.ORDERS.ID", "MART.BIG_ORDERS.AMOUNT <- RAW.ORDERS.AMOUNT", "MART.ORDER_IDS.ID <- RAW.ORDERS.ID"]),
        new DialectCase(
            "INSERT FIRST WHEN amount > 100 THEN INTO mart.big (id) VALUES (id) ELSE INTO mart.small (id, \"Amt\") VALUES (id, amount) "
            + "SELECT id, amount FROM raw.orders",
            ["MART.BIG", "MART.SMALL"],
            ["MART.BIG.ID <- RAW.ORDERS.ID", "MART.SMALL.ID <- RAW.ORDERS.ID", "MART.SMALL.Amt <- RAW.ORDERS.AMOUNT"]),
        new DialectCase(
            "MERGE INTO dw.dim_customer t USING stage.customer s ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name "
            + "WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)",
            ["DW.DIM_CUSTOMER"],
            ["DW.DIM_CUSTOMER.NAME <- STAGE.CUSTOMER.NAME", "DW.DIM_CUSTOMER.ID <- STAGE.CUSTOMER.ID"]),
    };

    public static TheoryData<DialectCase> OracleCases => new()
    {
        new DialectCase(
            "CREATE TABLE hr.emp_copy AS SELECT emp_id, \"Dept\" FROM hr.employees",
            ["HR.EMP_COPY"],
            ["HR.EMP_COPY.EMP_ID <- HR.EMPLOYEES.EMP_ID", "HR.EMP_COPY.Dept <- HR.EMPLOYEES.Dept"]),
        new DialectCase(
            "INSERT ALL INTO hr.a (x) VALUES (emp_id) INTO hr.b (y) VALUES (name) SELECT emp_id, name FROM hr.employees",
            ["HR.A", "HR.B"],
            ["HR.A.X <- HR.EMPLOYEES.EMP_ID", "HR.B.Y <- HR.EMPLOYEES.NAME"]),
    };

    public static TheoryData<DialectCase> BigQueryCases => new()
    {
        // `project.dataset.table` is three parts; BigQuery keeps the case of names.
        new DialectCase(
            "CREATE OR REPLACE TABLE `my-project.mart.Daily` AS SELECT Day, SUM(Amount) AS Total FROM `my-project.raw.Orders` GROUP BY Day",
            ["my-project.mart.Daily"],
            ["my-project.mart.Daily.Day <- my-project.raw.Orders.Day", "my-project.mart.Daily.Total <- my-project.raw.Orders.Amount"]),
        new DialectCase(
            "INSERT INTO my-project.mart.events_copy SELECT * EXCEPT (secret) FROM my-project.raw.events WHERE kind = \"click\"",
            ["my-project.mart.events_copy"],
            ["my-project.mart.events_copy.id <- my-project.raw.events.id", "my-project.mart.events_copy.payload <- my-project.raw.events.payload",
             "my-project.mart.events_copy.kind <- my-project.raw.events.kind"],
            ("my-project.raw.events", "id,secret,payload,kind")),
        // BigQuery names unnamed columns f0_, f1_… counting only the unnamed ones.
        new DialectCase(
            "CREATE TABLE ds.u AS SELECT id, upper(name) FROM ds.t",
            ["ds.u"],
            ["ds.u.id <- ds.t.id", "ds.u.f0_ <- ds.t.name"]),
        new DialectCase(
            "MERGE ds.target T USING ds.source S ON T.id = S.id WHEN NOT MATCHED THEN INSERT ROW",
            ["ds.target"],
            ["ds.target.id <- ds.source.id", "ds.target.v <- ds.source.v"],
            ("ds.source", "id,v")),
    };

    public static TheoryData<DialectCase> SqlServerCases => new()
    {
        new DialectCase(
            "INSERT INTO [Sales].[dbo].[Order Archive] ([Order Id], Amount) SELECT TOP (100) o.[Order Id], o.Amount FROM [Sales].[dbo].[Orders] AS o",
            ["Sales.dbo.Order Archive"],
            ["Sales.dbo.Order Archive.Order Id <- Sales.dbo.Orders.Order Id", "Sales.dbo.Order Archive.Amount <- Sales.dbo.Orders.Amount"]),
    };

    [Theory]
    [MemberData(nameof(HiveCases))]
    public Task Hive_folds_unquoted_names_to_lower_case_and_yields_every_multi_insert_target(DialectCase c) => AssertCase(SqlDialect.Hive, c);

    [Theory]
    [MemberData(nameof(SparkCases))]
    public Task Spark_folds_unquoted_names_to_lower_case_and_reads_merge_branches(DialectCase c) => AssertCase(SqlDialect.Spark, c);

    [Theory]
    [MemberData(nameof(TrinoCases))]
    public Task Trino_folds_catalog_schema_table_names_to_lower_case(DialectCase c) => AssertCase(SqlDialect.Trino, c);

    [Theory]
    [MemberData(nameof(PostgresCases))]
    public Task Postgres_folds_unquoted_names_to_lower_case_and_keeps_quoted_ones(DialectCase c) => AssertCase(SqlDialect.Postgres, c);

    [Theory]
    [MemberData(nameof(SnowflakeCases))]
    public Task Snowflake_folds_unquoted_names_to_upper_case_and_keeps_quoted_ones(DialectCase c) => AssertCase(SqlDialect.Snowflake, c);

    [Theory]
    [MemberData(nameof(OracleCases))]
    public Task Oracle_folds_unquoted_names_to_upper_case(DialectCase c) => AssertCase(SqlDialect.Oracle, c);

    [Theory]
    [MemberData(nameof(BigQueryCases))]
    public Task BigQuery_reads_backtick_project_paths_and_keeps_the_case_of_names(DialectCase c) => AssertCase(SqlDialect.BigQuery, c);

    [Theory]
    [MemberData(nameof(SqlServerCases))]
    public Task Sql_server_reads_bracket_quoted_names(DialectCase c) => AssertCase(SqlDialect.SqlServer, c);

    [Fact]
    public async Task Generic_dialect_keeps_names_as_written()
    {
        var result = await fixture.AnalyzeAsync("CREATE TABLE Mart.Out AS SELECT Id FROM Raw.Src");

        Assert.Equal("Mart.Out", result.Target?.ToString());
        Assert.Equal(["Raw.Src"], LineageText.Inputs(result));
        LineageAssert.Same(["Raw.Src.Id DIRECT IDENTITY"], LineageText.Of(result, "Id"));
    }

    [Fact]
    public async Task Known_schema_names_win_over_the_folded_spelling()
    {
        // The catalog knows the real spelling; a case-blind match keeps it rather than the statement's fold.
        var result = await fixture.AnalyzeAsync("SELECT Order_Id FROM shop.orders", SqlDialect.Snowflake, schemas: ("SHOP.ORDERS", "Order_Id"));

        LineageAssert.Same(["SHOP.ORDERS.Order_Id DIRECT IDENTITY"], LineageText.Of(result, "ORDER_ID"));
    }

    [Theory]
    [InlineData("hive", SqlDialect.Hive)]
    [InlineData("SparkSQL", SqlDialect.Spark)]
    [InlineData("databricks", SqlDialect.Spark)]
    [InlineData("snowflake", SqlDialect.Snowflake)]
    [InlineData("snowflake://xy12345.eu-central-1", SqlDialect.Snowflake)]
    [InlineData("bigquery", SqlDialect.BigQuery)]
    [InlineData("trino://coordinator:8080", SqlDialect.Trino)]
    [InlineData("awsathena://athena.us-east-1.amazonaws.com", SqlDialect.Trino)]
    [InlineData("postgres://db.example.com:5432", SqlDialect.Postgres)]
    [InlineData("redshift", SqlDialect.Postgres)]
    [InlineData("oracle", SqlDialect.Oracle)]
    [InlineData("sqlserver://host:1433", SqlDialect.SqlServer)]
    [InlineData("kafka://broker:9092", SqlDialect.Generic)]
    [InlineData("://", SqlDialect.Generic)]
    [InlineData("", SqlDialect.Generic)]
    [InlineData(null, SqlDialect.Generic)]
    public void Dialect_hints_name_the_engine_by_name_adapter_or_namespace_scheme(string? hint, SqlDialect expected) =>
        Assert.Equal(expected, SqlDialects.FromHint(hint));

    [Fact]
    public void Oversized_or_spoofed_dialect_hints_fall_back_to_the_generic_dialect()
    {
        Assert.Equal(SqlDialect.Generic, SqlDialects.FromHint(new string('x', 1_000_000)));
        Assert.Equal(SqlDialect.Generic, SqlDialects.FromHint("snowflake\u0000"));
        Assert.Equal(SqlDialect.Generic, SqlDialects.FromHint("hive; DROP TABLE t"));
        Assert.Equal(SqlDialect.Generic, SqlDialects.FromHint("file:///etc/passwd"));
    }

    [Theory]
    [InlineData(SqlDialect.SqlServer, "SELECT [a FROM t")]
    [InlineData(SqlDialect.SqlServer, "SELECT a FROM [")]
    [InlineData(SqlDialect.BigQuery, "SELECT a FROM `p.d")]
    [InlineData(SqlDialect.BigQuery, "SELECT a FROM ``")]
    [InlineData(SqlDialect.BigQuery, "SELECT a FROM `...`")]
    [InlineData(SqlDialect.BigQuery, "INSERT INTO a-b-")]
    [InlineData(SqlDialect.Snowflake, "SELECT \"")]
    [InlineData(SqlDialect.Snowflake, "SELECT 'it\\")]
    [InlineData(SqlDialect.Hive, "INSERT OVERWRITE TABLE t PARTITION (")]
    [InlineData(SqlDialect.Hive, "INSERT OVERWRITE TABLE t PARTITION (a, b, c) SELECT 1")]
    [InlineData(SqlDialect.SqlServer, "SELECT TOP")]
    [InlineData(SqlDialect.Snowflake, "INSERT ALL INTO")]
    [InlineData(SqlDialect.Snowflake, "INSERT ALL INTO t VALUES ( SELECT 1")]
    [InlineData(SqlDialect.Oracle, "INSERT FIRST WHEN THEN ELSE INTO SELECT")]
    public async Task Malformed_dialect_sql_yields_diagnostics_not_exceptions(SqlDialect dialect, string sql)
    {
        var results = await fixture.Analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(sql) { Dialect = dialect });

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.NotNull(r.Diagnostics));
    }

    [Fact]
    public async Task Conditional_multi_table_insert_filters_each_target_by_its_when_condition()
    {
        var results = await fixture.Analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(
            "INSERT FIRST WHEN amount > 100 THEN INTO mart.big (id) VALUES (id) ELSE INTO mart.small (id) VALUES (id) SELECT id, amount FROM raw.orders")
        { Dialect = SqlDialect.Snowflake });

        LineageAssert.Same(["RAW.ORDERS.AMOUNT INDIRECT FILTER"], LineageText.Dataset(results[0]));
        Assert.Empty(results[1].DatasetLineage);
    }

    [Fact]
    public async Task Oversized_multi_insert_yields_one_result_per_branch()
    {
        var branches = string.Join(" ", Enumerable.Range(0, 200).Select(i => $"INSERT INTO TABLE T{i} SELECT A{i}"));
        var results = await fixture.Analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest("FROM Src " + branches) { Dialect = SqlDialect.Hive });

        Assert.Equal(200, results.Count);
        Assert.Equal("t199", results[^1].Target?.ToString());
        LineageAssert.Same(["src.a199 DIRECT IDENTITY"], LineageText.Of(results[^1], "a199"));
    }

    private async Task AssertCase(SqlDialect dialect, DialectCase c)
    {
        var results = await fixture.Analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(c.Sql)
        {
            Dialect = dialect,
            Schemas = SqlSchemaResolvers.FromTables(c.Schemas.ToDictionary(s => s.Table, s => (IReadOnlyList<string>)s.Columns.Split(','))),
        });

        Assert.All(results, r => Assert.True(r.Parsed, string.Join("; ", r.Diagnostics.Select(d => d.Message))));
        Assert.Equal(c.Targets, results.Select(r => r.Target?.ToString()));
        var edges = results
            .SelectMany(r => r.Columns.SelectMany(column => column.InputFields
                .Where(f => f.Transformations.Any(t => t.Type == TransformationType.Direct))
                .Select(f => $"{r.Target}.{column.Name} <- {f.Table}.{f.Column}")))
            .ToHashSet(StringComparer.Ordinal);
        LineageAssert.Same(c.DirectEdges, edges);
    }
}
