using System.Text.Json.Nodes;
using Npgsql;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Profiles;

/// <summary>Issue 16: a real PostgreSQL database ingested as connection <c>crm</c> is profiled after ingestion, with the columns governance classifies as personal data redacted.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresProfileTests(PostgresFixture fixture)
{
    [SkippableFact]
    public async Task Ingesting_a_postgres_connection_profiles_its_tables_and_redacts_pii_top_values()
    {
        var connectionString = await fixture.RequireServer().CreateDatabaseAsync("crm");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE TABLE public.contacts (id int PRIMARY KEY, email text, region text, score numeric(6,2), updated_at timestamp);
                INSERT INTO public.contacts SELECT i, 'person' || i || '@example.com', CASE WHEN i % 5 = 0 THEN NULL WHEN i % 2 = 0 THEN 'EMEA' ELSE 'APAC' END,
                  (i % 100) / 4.0, TIMESTAMP '2026-10-01 00:00:00' + i * INTERVAL '1 minute' FROM generate_series(1, 500) i;
                ANALYZE;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Connections:crm:Type"] = "postgres",
            ["TownLake:Connections:crm:ConnectionString"] = connectionString,
            ["TownLake:Profiles:OnIngestion"] = "true",
            ["TownLake:Auth:Mode"] = "header",
            ["TownLake:Auth:Stewards"] = "stella",
            ["TownLake:Governance:Reviewers"] = "rita",
            ["TownLake:Governance:Scanner:Enabled"] = "false",
        });
        using var reviewer = api.CreateClient();
        reviewer.DefaultRequestHeaders.Add("X-Forwarded-User", "rita");
        using var steward = api.CreateClient();
        steward.DefaultRequestHeaders.Add("X-Forwarded-User", "stella");
        using var reader = api.CreateClient();
        reader.DefaultRequestHeaders.Add("X-Forwarded-User", "mallory");
        await api.DataAsync("mutation { ingestConnection(name: \"crm\") { added } }", client: steward);
        var urn = (string)(await api.DataAsync("{ dataset(name: \"crm.public.contacts\") { urn } }", client: steward))["dataset"]!["urn"]!;
        // Redaction is governance's: the reviewer approves the table and classifies the e-mail column; a grant unlocks it.
        await api.DataAsync($$"""mutation { reviewDataset(urn: "{{urn}}", state: APPROVED) { state } }""", client: reviewer);
        await api.DataAsync($$"""mutation { classifyColumn(urn: "{{urn}}", column: "email", category: EMAIL) { state } }""", client: reviewer);
        await api.DataAsync($$"""mutation { grantAccess(principalKind: USER, principal: "stella", datasetUrn: "{{urn}}", level: READ_PII, expiresAt: "{{DateTime.UtcNow.AddHours(1):O}}", reason: "profile check") { id } }""", client: reviewer);

        const string query = """
            { dataset(name: "crm.public.contacts") {
                profile { rowCount sampled freshnessColumn freshness }
                email: column(name: "email") { profile { distinctCount topValues { value count } min redacted } }
                region: column(name: "region") { profile { nullCount nullFraction topValues { value count } } }
                score: column(name: "score") { profile { mean histogram { count } } } } }
            """;
        var dataset = await EventuallyAsync(api, query, reader);

        Assert.Equal(500, (long)dataset["profile"]!["rowCount"]!);
        Assert.False((bool)dataset["profile"]!["sampled"]!);
        Assert.Equal("updated_at", (string?)dataset["profile"]!["freshnessColumn"]);
        Assert.StartsWith("2026-10-01T08:20:00", (string)dataset["profile"]!["freshness"]!);
        Assert.Equal(100, (long)dataset["region"]!["profile"]!["nullCount"]!);
        Assert.Equal(0.2, (double)dataset["region"]!["profile"]!["nullFraction"]!, 6);
        Assert.Equal(["APAC", "EMEA"], dataset["region"]!["profile"]!["topValues"]!.AsArray().Select(v => (string)v!["value"]!).Order());
        Assert.Equal(500, dataset["score"]!["profile"]!["histogram"]!.AsArray().Sum(b => (long)b!["count"]!));
        var email = dataset["email"]!["profile"]!;
        Assert.True((bool)email["redacted"]!);
        Assert.Empty(email["topValues"]!.AsArray());
        Assert.Null(email["min"]);
        Assert.Equal(500, (long)email["distinctCount"]!);

        var asSteward = (await api.DataAsync(query, client: steward))["dataset"]!["email"]!["profile"]!;
        Assert.False((bool)asSteward["redacted"]!);
        Assert.EndsWith("@example.com", (string)asSteward["min"]!);
    }

    [SkippableFact]
    public async Task Searching_a_value_finds_the_dataset_whose_column_holds_it_but_never_by_personal_data()
    {
        var connectionString = await fixture.RequireServer().CreateDatabaseAsync("sales");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                CREATE TABLE public.bookings (id int PRIMARY KEY, territory text, contact text);
                INSERT INTO public.bookings SELECT i, CASE WHEN i % 2 = 0 THEN 'Zanzibaria' ELSE 'Quixotica' END, 'Wolfgangsson' || (i % 3) FROM generate_series(1, 50) i;
                ANALYZE;
                """, connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Connections:sales:Type"] = "postgres",
            // Opened (approved) on purpose: only approved, non-PII columns lend their values to search.
            ["TownLake:Governance:OpenConnections"] = "sales",
            ["TownLake:Connections:sales:ConnectionString"] = connectionString,
        });
        await api.DataAsync("mutation { ingestConnection(name: \"sales\") { added } }");
        var urn = (string)(await api.DataAsync("{ dataset(name: \"sales.public.bookings\") { urn } }"))["dataset"]!["urn"]!;
        await api.DataAsync($$"""mutation { classifyColumn(urn: "{{urn}}", column: "contact", category: PERSON_NAME) { state } }""");
        await api.DataAsync("mutation { profileDataset(name: \"sales.public.bookings\") { rowCount } }");

        var found = await SearchUntilAsync(api, "Zanzibaria", hits => hits.Count > 0);
        var personal = await SearchUntilAsync(api, "Wolfgangsson0", _ => true);

        Assert.Contains(found, hit => (string?)hit!["entity"]!["urn"] == urn);
        Assert.DoesNotContain(personal, hit => (string?)hit!["entity"]!["urn"] == urn);
    }

    /// <summary>The index follows the store within about a second: searches until <paramref name="done"/> (bounded).</summary>
    private static async Task<JsonArray> SearchUntilAsync(CatalogApiFactory api, string text, Func<JsonArray, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var hits = (await api.DataAsync("query ($q: String!) { search(query: $q) { results { entity { urn } } } }", new { q = text }))["search"]!["results"]!.AsArray();
            if (done(hits) || DateTime.UtcNow > deadline)
            {
                return hits;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Profiling runs in the background after ingestion: waits (bounded) until the profile is there.</summary>
    private static async Task<JsonNode> EventuallyAsync(CatalogApiFactory api, string query, HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var dataset = (await api.DataAsync(query, client: client))["dataset"]!;
            if (dataset["profile"] is JsonObject || DateTime.UtcNow > deadline)
            {
                Assert.True(dataset["profile"] is JsonObject, "the dataset was not profiled within 60 s of its ingestion");
                return dataset;
            }

            await Task.Delay(200);
        }
    }
}
