using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;

namespace TownLake.Catalog.Demo;

/// <summary>
/// The demo company's warehouse: a small SaaS business with accounts, customers and zones, billing and Workers
/// usage. Sources are generated with a fixed seed; every derived table is a SELECT over other tables, so its
/// lineage comes from its SQL.
/// </summary>
public static class DemoWarehouseModel
{
    private static readonly Ownership Finance = new("finance-analytics", OwnerKind.Group, OwnershipType.BusinessOwner);
    private static readonly Ownership Platform = new("data-platform", OwnerKind.Group, OwnershipType.TechnicalOwner);
    private static readonly Ownership Alice = new("alice", OwnerKind.User, OwnershipType.DataSteward);
    private static readonly Ownership Bob = new("bob", OwnerKind.User, OwnershipType.TechnicalOwner);
    private static readonly Ownership Jdoe = new("jdoe", OwnerKind.User, OwnershipType.TechnicalOwner);

    public static IReadOnlyList<GlossaryTermDraft> Glossary { get; } =
    [
        new("Core entities", "The things the business is about.", null, true, null, null),
        new("Finance", "Money in: billing, revenue and its allocation.", null, true, null, null),
        new("Account", "A paying or free tenant of the platform: the unit of billing and of ownership of zones.", "Core entities", false, ["tenant", "organization", "org", "subscriber"], null),
        new("Customer", "A person or company that buys through an account; the contact of record.", "Core entities", false, ["client", "buyer", "contact", "user"], ["Account"]),
        new("Zone", "A website (DNS zone) on the platform, owned by one account.", "Core entities", false, ["domain name", "website", "site", "hostname"], ["Account"]),
        new("ARR", "Annual recurring revenue: the yearly value of active subscriptions.", "Finance", false, ["annual recurring revenue", "annualized revenue", "yearly revenue"], ["Account"]),
        new("Billable usage", "Usage that is charged for, as opposed to included or free usage.", "Finance", false, ["metered usage", "chargeable usage", "paid usage"], null),
        new("Allocation", "Spreading an amount over the months it pays for: an annual plan's bill is allocated as one twelfth per month.", "Finance", false, ["amortization", "revenue recognition", "spread"], ["ARR"]),
        new("Personal data", "Data about an identifiable person (name, e-mail, phone); access is restricted.", null, false, ["PII", "personally identifiable information", "personal information"], null),
    ];

    public static IReadOnlyList<DemoTable> Tables { get; } =
    [
        // ---------- raw: landed as exported by the source systems ----------
        new("raw", "accounts_export", """
            SELECT i AS account_id,
                   'Account ' || i AS account_name,
                   CASE WHEN i % 10 = 0 THEN 'enterprise' WHEN i % 3 = 0 THEN 'business' WHEN i % 2 = 0 THEN 'pro' ELSE 'free' END AS plan,
                   ['US','GB','DE','FR','JP','BR','IN','AU'][1 + (i % 8)] AS country_code,
                   TIMESTAMP '2019-01-01' + to_days(CAST(i % 2000 AS INTEGER)) AS created_at,
                   'owner' || i || '@example.com' AS owner_email
            FROM range(1, 2001) t(i)
            """, "Nightly export of the accounts table of the billing system, as delivered (one row per account).",
            [Platform], ["internal"], ["Account"], "Customer", new Dictionary<string, DemoColumn>
            {
                ["account_id"] = new("Billing system account id.", PrimaryKey: true),
                ["owner_email"] = new("E-mail of the account's owner.", ["pii"], ["Personal data"]),
            }) { IsDerived = false },
        new("raw", "customers_crm", """
            SELECT i AS customer_id,
                   1 + (i * 7) % 2000 AS account_id,
                   ['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken'][1 + (i % 8)] || ' ' || ['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','Thompson'][1 + ((i // 8) % 8)] AS full_name,
                   'customer' || i || '@example.org' AS email,
                   '+1-555-' || lpad(CAST(i % 10000 AS VARCHAR), 4, '0') AS phone,
                   'Company ' || (i % 700) AS company,
                   ['smb','mid-market','enterprise'][1 + (i % 3)] AS segment,
                   ['US','GB','DE','FR','JP','BR','IN','AU'][1 + (i % 8)] AS country
            FROM range(1, 3001) t(i)
            """, "Contacts exported from the CRM, one row per customer contact.",
            [Platform], ["internal", "pii"], ["Customer"], "Customer", new Dictionary<string, DemoColumn>
            {
                ["customer_id"] = new("CRM contact id.", PrimaryKey: true),
                ["email"] = new("Contact e-mail.", ["pii"], ["Personal data"]),
                ["phone"] = new("Contact phone number.", ["pii"], ["Personal data"]),
                ["full_name"] = new("Contact's full name.", ["pii"], ["Personal data"]),
            }) { IsDerived = false },
        new("raw", "zones_export", """
            SELECT i AS zone_id,
                   'site' || i || ['.com','.net','.org','.io','.dev'][1 + (i % 5)] AS zone_name,
                   1 + (i * 13) % 2000 AS account_id,
                   CASE WHEN i % 11 = 0 THEN 'enterprise' WHEN i % 4 = 0 THEN 'business' WHEN i % 2 = 0 THEN 'pro' ELSE 'free' END AS plan,
                   CASE WHEN i % 17 = 0 THEN 'deleted' WHEN i % 9 = 0 THEN 'pending' ELSE 'active' END AS status,
                   TIMESTAMP '2020-01-01' + to_days(CAST(i % 1500 AS INTEGER)) AS created_at
            FROM range(1, 5001) t(i)
            """, "Export of the zones (websites) configured on the platform.",
            [Platform], ["internal"], ["Zone"], "Product", new Dictionary<string, DemoColumn>
            {
                ["zone_id"] = new("Platform zone id.", PrimaryKey: true),
            }) { IsDerived = false },
        new("raw", "billing_line_items", """
            SELECT i AS line_id,
                   1 + (i * 13) % 2000 AS account_id,
                   1 + i % 5000 AS zone_id,
                   ['WRK-REQ','WRK-CPU','CDN-BW','SEC-WAF','DNS-Q','R2-STO'][1 + (i % 6)] AS product_code,
                   CAST(round(5 + (i * 37 % 1000) * 1.7, 2) AS DECIMAL(12,2)) AS billed_amount,
                   DATE '2025-01-01' + INTERVAL (i % 12) MONTH AS billing_period_start,
                   CASE WHEN i % 4 = 0 THEN 'annual' ELSE 'monthly' END AS plan_interval,
                   'USD' AS currency
            FROM range(1, 20001) t(i)
            """, "Invoice line items from the billing system; annual plans are billed once for twelve months.",
            [Platform, Finance], ["internal"], ["Billable usage"], "Finance", new Dictionary<string, DemoColumn>
            {
                ["line_id"] = new("Invoice line id.", PrimaryKey: true),
                ["billed_amount"] = new("Amount invoiced on this line, in the line's currency."),
                ["plan_interval"] = new("'monthly' or 'annual': how often the plan is billed."),
            }) { IsDerived = false },
        new("raw", "workers_requests", """
            SELECT TIMESTAMP '2025-06-01' + to_minutes(CAST(i * 7 % 43200 AS INTEGER)) AS ts,
                   1 + i % 5000 AS zone_id,
                   'worker-' || (i % 300) AS script_name,
                   1 + (i * 31) % 500 AS requests,
                   CAST((i * 17) % 900 AS DOUBLE) / 10 AS cpu_ms,
                   CASE WHEN i % 29 = 0 THEN '5xx' WHEN i % 13 = 0 THEN '4xx' ELSE '2xx' END AS status_class
            FROM range(1, 100001) t(i)
            """, "Per-minute Workers invocation counts sampled from the edge, by zone and script.",
            [Platform], ["internal"], ["Billable usage"], "Product", new Dictionary<string, DemoColumn>
            {
                ["requests"] = new("Invocations in the minute."),
                ["cpu_ms"] = new("CPU time used, in milliseconds."),
            }) { IsDerived = false },

        // ---------- seed: maintained by hand ----------
        new("seed", "product_classification", """
            SELECT * FROM (VALUES
              ('WRK-REQ', 'Workers requests', 'Developer platform', true),
              ('WRK-CPU', 'Workers CPU time', 'Developer platform', true),
              ('CDN-BW', 'CDN bandwidth', 'Application services', false),
              ('SEC-WAF', 'Web application firewall', 'Security', true),
              ('DNS-Q', 'DNS queries', 'Application services', false),
              ('R2-STO', 'R2 object storage', 'Developer platform', true)
            ) AS t(product_code, product_name, product_family, is_billable_usage)
            """, "Hand-maintained mapping of product codes to product names and families, and whether their usage is billable.",
            [Finance, Alice], ["curated"], ["Billable usage"], "Finance", new Dictionary<string, DemoColumn>
            {
                ["product_code"] = new("Product code as on invoices.", PrimaryKey: true),
                ["is_billable_usage"] = new("True when usage of the product is charged for.", Terms: ["Billable usage"]),
            }) { IsDerived = false },

        // ---------- dim: curated dimensions ----------
        new("dim", "accounts", """
            SELECT account_id,
                   account_name,
                   plan,
                   country_code,
                   CAST(created_at AS DATE) AS created_date,
                   plan = 'enterprise' AS is_enterprise
            FROM demo.raw.accounts_export
            """, "One row per account (tenant): the curated account dimension. Join on account_id.",
            [Platform, Alice], ["curated"], ["Account"], "Customer", new Dictionary<string, DemoColumn>
            {
                ["account_id"] = new("Unique account id.", Terms: ["Account"], PrimaryKey: true),
                ["plan"] = new("Current plan: free, pro, business or enterprise."),
                ["is_enterprise"] = new("True for enterprise-plan accounts."),
            }),
        new("dim", "customers", """
            SELECT c.customer_id,
                   c.account_id,
                   c.full_name,
                   lower(c.email) AS email,
                   c.phone,
                   c.segment,
                   coalesce(c.country, a.country_code) AS country
            FROM demo.raw.customers_crm c
            JOIN demo.dim.accounts a ON a.account_id = c.account_id
            """, "Customer contacts with their account; holds personal data (name, e-mail, phone).",
            [Platform, Alice], ["curated", "pii"], ["Customer"], "Customer", new Dictionary<string, DemoColumn>
            {
                ["customer_id"] = new("Unique customer id.", PrimaryKey: true),
                ["account_id"] = new("The customer's account.", References: "demo.dim.accounts.account_id"),
                ["full_name"] = new("Contact's full name.", ["pii"], ["Personal data"]),
                ["email"] = new("Contact e-mail, lower-cased.", ["pii"], ["Personal data"]),
                ["phone"] = new("Contact phone number.", ["pii"], ["Personal data"]),
            }),
        new("dim", "zones", """
            SELECT z.zone_id,
                   z.zone_name,
                   z.account_id,
                   z.plan,
                   z.status,
                   CAST(z.created_at AS DATE) AS created_date
            FROM demo.raw.zones_export z
            WHERE z.status <> 'deleted'
            """, "Active and pending zones (websites), one row per zone, with the owning account.",
            [Platform], ["curated"], ["Zone"], "Product", new Dictionary<string, DemoColumn>
            {
                ["zone_id"] = new("Unique zone id.", PrimaryKey: true),
                ["zone_name"] = new("The zone's DNS name, e.g. example.com."),
                ["account_id"] = new("The owning account.", References: "demo.dim.accounts.account_id"),
            }),

        // ---------- fct: facts ----------
        new("fct", "billings_allocated", """
            WITH lines AS (
              SELECT b.account_id, b.zone_id, b.product_code, b.billed_amount, b.plan_interval,
                     CAST(date_trunc('month', b.billing_period_start) AS DATE) AS billing_month
              FROM demo.raw.billing_line_items b
              WHERE b.currency = 'USD'
            )
            SELECT l.account_id,
                   l.zone_id,
                   l.product_code,
                   l.billing_month,
                   l.billed_amount,
                   CASE WHEN l.plan_interval = 'annual' THEN l.billed_amount / 12 ELSE l.billed_amount END AS alloc_amount,
                   p.is_billable_usage
            FROM lines l
            JOIN demo.seed.product_classification p ON p.product_code = l.product_code
            """, "Billed amounts allocated to the months they pay for: alloc_amount = billed_amount / 12 for annual plans, the billed amount otherwise.",
            [Finance, Bob], ["curated"], ["Allocation", "Billable usage"], "Finance", new Dictionary<string, DemoColumn>
            {
                ["alloc_amount"] = new("Amount allocated to billing_month: billed_amount / 12 for annual plans, else billed_amount.", Terms: ["Allocation"]),
                ["account_id"] = new("The billed account.", References: "demo.dim.accounts.account_id"),
                ["zone_id"] = new("The zone the line is for.", References: "demo.dim.zones.zone_id"),
            }),
        new("fct", "workers_requests_daily", """
            SELECT CAST(r.ts AS DATE) AS day,
                   z.account_id,
                   r.zone_id,
                   sum(r.requests) AS requests,
                   sum(r.cpu_ms) AS cpu_ms,
                   sum(CASE WHEN r.status_class = '5xx' THEN r.requests ELSE 0 END) AS error_requests
            FROM demo.raw.workers_requests r
            JOIN demo.dim.zones z ON z.zone_id = r.zone_id
            GROUP BY CAST(r.ts AS DATE), z.account_id, r.zone_id
            """, "Daily Workers requests, CPU time and errors per zone and account.",
            [Platform, Bob], ["curated"], ["Billable usage"], "Product", new Dictionary<string, DemoColumn>
            {
                ["requests"] = new("Workers invocations that day.", Terms: ["Billable usage"]),
                ["error_requests"] = new("Invocations that ended in a 5xx error."),
            }),
        new("fct", "arr_by_account", """
            SELECT a.account_id,
                   a.account_name,
                   a.plan,
                   sum(b.alloc_amount) AS arr
            FROM demo.fct.billings_allocated b
            JOIN demo.dim.accounts a ON a.account_id = b.account_id
            WHERE b.billing_month >= DATE '2025-01-01'
            GROUP BY a.account_id, a.account_name, a.plan
            """, "Annual recurring revenue per account: the sum of allocated billings over the last twelve months.",
            [Finance, Alice], ["curated"], ["ARR", "Account"], "Finance", new Dictionary<string, DemoColumn>
            {
                ["arr"] = new("Annual recurring revenue in USD.", Terms: ["ARR"]),
                ["account_id"] = new("The account.", References: "demo.dim.accounts.account_id", PrimaryKey: true),
            }),

        // ---------- scratch: look-alike copies people leave behind ----------
        new("scratch", "billings_allocated_copy", "SELECT * FROM demo.fct.billings_allocated",
            "tmp copy of billings for a one-off analysis", [Jdoe], ["scratch"], [], null, new Dictionary<string, DemoColumn>()),
        new("scratch", "accounts_tmp_jdoe", "SELECT account_id, account_name, plan FROM demo.dim.accounts WHERE plan <> 'free'",
            "jdoe's scratch list of paying accounts", [Jdoe], ["scratch"], [], null, new Dictionary<string, DemoColumn>()),
    ];
}
