using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Governance.Scanning;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Tests.Governance.Scanning;

/// <summary>
/// End to end: a DuckDB source with personal data is connected and ingested over GraphQL; the scanner samples it and its
/// findings arrive in the policy as pending, unconfirmed classifications; a person's override survives a rescan; no
/// sampled value is stored anywhere governance keeps.
/// </summary>
public sealed class ScanAfterIngestionTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "townlake-scan-" + Guid.NewGuid().ToString("N"));
    private readonly string _people = Urn.Dataset(DatasetName.Parse("crm.main.people"));
    private CatalogApiFactory _api = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        using (var duck = new DuckDBConnection($"DataSource={Path.Combine(_root, "crm.duckdb")}"))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = """
                CREATE TABLE people (id INTEGER PRIMARY KEY, email VARCHAR, full_name VARCHAR, phone VARCHAR, born DATE, plan VARCHAR);
                INSERT INTO people SELECT i, 'member' || i || '@example.org', (['Maria Garcia', 'John Smith', 'Aiko Tanaka'])[1 + i % 3],
                  '+1 415 555 ' || lpad((1000 + i)::VARCHAR, 4, '0'), DATE '1960-01-01' + ((i * 37) % 15000)::INTEGER, (['free', 'pro'])[1 + i % 2]
                FROM range(1, 401) t(i);
                COMMENT ON COLUMN people.plan IS 'Subscription plan';
                CREATE TABLE plans (code VARCHAR, price DOUBLE);
                INSERT INTO plans VALUES ('free', 0), ('pro', 12.5);
                """;
            command.ExecuteNonQuery();
        }

        _api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Connections:crm:Type"] = "duckdb",
            ["TownLake:Connections:crm:Path"] = Path.Combine(_root, "crm.duckdb"),
            ["TownLake:Governance:Scanner:SampleRows"] = "250",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Ingesting_a_source_with_pii_leaves_pending_scanner_classifications_and_a_person_override_survives_a_rescan()
    {
        await _api.DataAsync("mutation { ingestConnection(name: \"crm\") { added } }");
        var policy = await WaitForClassificationsAsync(_people);

        Assert.Equal(ReviewState.Pending, policy.State);
        var email = policy.Classification("email")!;
        Assert.Equal((PiiCategory.Email, ClassificationSource.Scanner, false), (email.Category, email.Source, email.Confirmed));
        Assert.Contains("email-syntax", email.Detectors);
        Assert.Equal(ReviewState.Pending, policy.ColumnState("email"));
        Assert.Equal(PiiCategory.PersonName, policy.Classification("full_name")!.Category);
        Assert.Equal(PiiCategory.Phone, policy.Classification("phone")!.Category);
        Assert.Equal(PiiCategory.DateOfBirth, policy.Classification("born")!.Category);
        Assert.Equal(PiiCategory.UserIdentifier, policy.Classification("id")!.Category);
        Assert.Equal(PiiCategory.None, policy.Classification("plan")!.Category);

        var store = _api.Services.GetRequiredService<IGovernanceStore>();
        await store.ClassifyColumnAsync(_people, "email", PiiCategory.None, "alice", "synthetic test addresses", CancellationToken.None);
        var rescan = await _api.Services.GetRequiredService<ScanScheduler>().ScanNowAsync(_people, CancellationToken.None);

        Assert.NotNull(rescan);
        Assert.Contains(rescan.Findings, f => f.Column == "email" && f.Category == PiiCategory.Email);
        var after = await store.GetPolicyAsync(_people, CancellationToken.None);
        var kept = after.Classification("email")!;
        Assert.Equal((PiiCategory.None, ClassificationSource.Person, "alice"), (kept.Category, kept.Source, kept.ClassifiedBy));
        Assert.Equal(PiiCategory.PersonName, after.Classification("full_name")!.Category);
    }

    [Fact]
    public async Task Nothing_sampled_is_kept_in_the_policy_or_its_audit_trail()
    {
        await _api.DataAsync("mutation { ingestConnection(name: \"crm\") { added } }");
        var policy = await WaitForClassificationsAsync(_people);
        var store = _api.Services.GetRequiredService<IGovernanceStore>();
        var events = await store.ListEventsAsync(new GovernanceEventFilter { DatasetUrn = _people }, CancellationToken.None);

        var kept = string.Join("\n", policy.Classifications.Values.SelectMany(c => c.Detectors).Concat(events.Select(e => e.ToString())));
        Assert.DoesNotContain("@example.org", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("Garcia", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("+1 415", kept, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == GovernanceEventKind.ScannerFindings);
    }

    private async Task<DatasetPolicy> WaitForClassificationsAsync(string urn)
    {
        var store = _api.Services.GetRequiredService<IGovernanceStore>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var policy = await store.GetPolicyAsync(urn, timeout.Token);
            if (policy.Classifications.Count >= 6)
            {
                return policy;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
