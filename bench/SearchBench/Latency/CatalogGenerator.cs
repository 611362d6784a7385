using TownLake.Search.Documents;

namespace TownLake.SearchBench.Latency;

/// <summary>
/// A synthetic warehouse catalog with the shape of real ones: dbt-style table names (fct_/dim_/stg_ + entity +
/// qualifier), snake_case and camelCase columns with abbreviations, some descriptions, tags, owners and signals.
/// Seeded, so every run indexes the same catalog.
/// </summary>
internal sealed class CatalogGenerator(int seed)
{
    internal static readonly string[] Entities =
    [
        "customer", "order", "order_item", "invoice", "payment", "account", "subscription", "product", "shipment", "inventory",
        "campaign", "employee", "ticket", "session", "event", "user", "supplier", "warehouse", "refund", "billing",
        "revenue", "lead", "opportunity", "contract", "store", "region", "device", "click", "page_view", "transaction",
    ];

    private static readonly string[] Prefixes = ["fct", "dim", "stg", "int", "raw", "agg", "rpt", "snap", "tmp", "src"];
    private static readonly string[] Qualifiers = ["", "", "daily", "monthly", "history", "summary", "latest", "v2", "allocated", "enriched", "by_region", "weekly"];
    private static readonly string[] Platforms = ["snowflake", "bigquery", "postgres", "databricks", "redshift"];
    private static readonly string[] Domains = ["sales", "finance", "marketing", "product", "operations", "people", "support"];
    private static readonly string[] Tags = ["pii", "gold", "silver", "bronze", "gdpr", "kpi", "certified", "finance-critical", "experimental"];
    private static readonly string[] Owners = ["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi", "ivan", "judy", "data-eng", "analytics"];

    private static readonly (string Name, string Type)[] Attributes =
    [
        ("name", "varchar"), ("created_at", "timestamp"), ("updated_at", "timestamp"), ("amt", "decimal"), ("amount_usd", "decimal"),
        ("qty", "int"), ("status", "varchar"), ("region", "varchar"), ("country_code", "char(2)"), ("email_addr", "varchar"),
        ("first_name", "varchar"), ("last_name", "varchar"), ("dt", "date"), ("event_ts", "timestamp"), ("is_active", "boolean"),
        ("acct_balance", "decimal"), ("unit_price", "decimal"), ("discount_pct", "decimal"), ("currency", "char(3)"), ("channel", "varchar"),
        ("num_items", "int"), ("cust_segment", "varchar"), ("lifetimeValue", "decimal"), ("churnScore", "double"), ("signupDate", "date"),
        ("zip_code", "varchar"), ("city", "varchar"), ("phone_no", "varchar"), ("tax_amt", "decimal"), ("net_revenue", "decimal"),
        ("gross_margin", "decimal"), ("sku", "varchar"), ("category", "varchar"), ("priority", "varchar"), ("duration_sec", "int"),
        ("utm_source", "varchar"), ("device_type", "varchar"), ("browser", "varchar"), ("fiscal_qtr", "varchar"), ("desc", "varchar"),
    ];

    private static readonly string[] DescriptionTemplates =
    [
        "One row per {0}, refreshed nightly from the operational store.",
        "Cleaned {0} records used by the {1} team for reporting.",
        "Aggregated {0} metrics at daily grain; source of truth for dashboards.",
        "Staging copy of {0} data before deduplication.",
        "{1} view of {0} activity including currency conversion.",
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<SearchDocument> Generate(int datasets, int columnsPerDataset)
    {
        var catalogs = Enumerable.Range(0, 20).Select(i => $"{Pick(["analytics", "warehouse", "lake", "prod", "dev"])}_{i}").ToArray();
        var schemas = Enumerable.Range(0, 40).Select(i => i % 10 == 9 ? $"scratch_{i}" : $"{Pick(Domains)}_{Pick(["core", "mart", "staging", "raw", "reporting"])}").ToArray();
        for (var i = 0; i < datasets; i++)
        {
            var entity = Pick(Entities);
            var qualifier = Pick(Qualifiers);
            var table = $"{Pick(Prefixes)}_{entity}{(qualifier.Length > 0 ? "_" + qualifier : "")}_{i}";
            var catalog = catalogs[_random.Next(catalogs.Length)];
            var schema = schemas[_random.Next(schemas.Length)];
            var domain = Pick(Domains);
            var columns = new List<SearchColumn>(columnsPerDataset) { new($"{entity}_id", "bigint", null) };
            var other = Pick(Entities);
            if (other != entity)
            {
                columns.Add(new SearchColumn($"{other}_id", "bigint"));
            }

            while (columns.Count < columnsPerDataset)
            {
                var (name, type) = Attributes[_random.Next(Attributes.Length)];
                var columnName = columns.Any(column => column.Name == name) ? $"{name}_{columns.Count}" : name;
                columns.Add(new SearchColumn(columnName, type, _random.NextDouble() < 0.1 ? $"The {name.Replace('_', ' ')} of the {entity.Replace('_', ' ')}." : null));
            }

            yield return new SearchDocument
            {
                Urn = $"urn:li:dataset:({Platforms[i % Platforms.Length]},{catalog}.{schema}.{table})",
                EntityType = SearchEntityType.Dataset,
                Name = $"{catalog}.{schema}.{table}",
                Catalog = catalog,
                Schema = schema,
                Table = table,
                Platform = Platforms[i % Platforms.Length],
                Kind = _random.NextDouble() < 0.8 ? "table" : "view",
                Domain = domain,
                Description = _random.NextDouble() < 0.4 ? string.Format(Pick(DescriptionTemplates), entity.Replace('_', ' '), domain) : null,
                Columns = columns,
                Tags = _random.NextDouble() < 0.3 ? [Pick(Tags)] : [],
                Owners = [Pick(Owners)],
                Signals = new SearchSignals(
                    Curated: _random.NextDouble() < 0.05,
                    Deprecated: _random.NextDouble() < 0.03,
                    Scratch: schema.StartsWith("scratch", StringComparison.Ordinal),
                    Internal: _random.NextDouble() < 0.05,
                    QueryCount: _random.NextDouble() < 0.5 ? _random.Next(0, 5000) : 0),
            };
        }
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
