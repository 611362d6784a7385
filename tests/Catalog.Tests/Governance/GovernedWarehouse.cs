using DuckDB.NET.Data;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Tests.Governance;

/// <summary>
/// A real service over a small DuckDB warehouse reached through two connection names (<c>shop</c> and <c>shop2</c>),
/// with header identities: <c>rita</c> reviews, <c>alice</c> and <c>bob</c> analyse, <c>root</c> administers. After
/// set-up <c>shop.main.customers</c> is approved with <c>email</c> classified as PII and <c>secret_score</c> pending;
/// <c>shop.raw.dump</c> is pending; the views <c>dump_view</c> (over raw.dump) and <c>customer_view</c> (over the
/// e-mail) are approved themselves.
/// </summary>
public sealed class GovernedWarehouse : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "townlake-gov-" + Guid.NewGuid().ToString("N"));

    public GovernedWarehouse()
    {
        Directory.CreateDirectory(_directory);
        var path = DatabasePath = Path.Combine(_directory, "shop.duckdb");
        using (var duck = new DuckDBConnection($"Data Source={path}"))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = """
                CREATE TABLE customers AS SELECT i AS id, 'person' || i || '@example.com' AS email, 'tier' || (i % 3) AS tier, i * 7 AS secret_score FROM range(1, 21) t(i);
                CREATE SCHEMA raw;
                CREATE TABLE raw.dump AS SELECT i AS id, 'payload-' || i AS payload FROM range(1, 6) t(i);
                CREATE VIEW dump_view AS SELECT * FROM raw.dump;
                CREATE VIEW customer_view AS SELECT id, email FROM customers;
                CHECKPOINT;
                """;
            command.ExecuteNonQuery();
        }

        Api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Auth:Mode"] = "header",
            ["TownLake:Governance:Reviewers"] = "rita",
            // The fixture sets every classification itself; the scanner (tested on its own) would add findings in the background.
            ["TownLake:Governance:Scanner:Enabled"] = "false",
            ["TownLake:Governance:TrinoOpaToken"] = OpaToken,
            ["TownLake:Governance:TrinoOpaNetworks"] = "10.20.0.0/16, 2001:db8::/32",
            ["TownLake:Connections:shop:Type"] = "duckdb",
            ["TownLake:Connections:shop:Path"] = path,
            ["TownLake:Connections:shop2:Type"] = "duckdb",
            ["TownLake:Connections:shop2:Path"] = path,
        });
    }

    public CatalogApiFactory Api { get; }

    /// <summary>The warehouse's DuckDB file (a test may change the source through it).</summary>
    public string DatabasePath { get; }

    /// <summary>The secret Trino's OPA access control sends.</summary>
    public const string OpaToken = "trino-opa-secret-0123456789abcdef0123";

    public static Caller Rita { get; } = new("rita", [], true, false);

    public static string CustomersUrn { get; } = Urn.Dataset(DatasetName.Parse("shop.main.customers"));

    public GovernanceService Governance => (GovernanceService)Api.Services.GetService(typeof(GovernanceService))!;

    public HttpClient ClientFor(string user, string? groups = null)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        if (groups is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Groups", groups);
        }

        return client;
    }

    public async Task InitializeAsync()
    {
        using var root = ClientFor("root", "admins");
        await Api.DataAsync("mutation { ingestConnection(name: \"shop\") { added } }", client: root);
        await Api.DataAsync("mutation { ingestConnection(name: \"shop2\") { added } }", client: root);
        await Governance.ReviewDatasetAsync(Rita, CustomersUrn, ReviewState.Approved, "customer list", alsoPendingColumns: true, default);
        await Governance.ReviewColumnAsync(Rita, CustomersUrn, "secret_score", ReviewState.Pending, "not reviewed yet", default);
        await Governance.ClassifyColumnAsync(Rita, CustomersUrn, "email", PiiCategory.Email, null, default);
        foreach (var view in new[] { "shop.main.dump_view", "shop.main.customer_view" })
        {
            await Governance.ReviewDatasetAsync(Rita, Urn.Dataset(DatasetName.Parse(view)), ReviewState.Approved, null, alsoPendingColumns: true, default);
        }
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
