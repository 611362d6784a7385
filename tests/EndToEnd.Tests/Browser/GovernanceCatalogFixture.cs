using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TownLake.ServiceProcess;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>
/// A second Catalog for the governance browser tests, as a team runs it: identity from the trusted proxy's headers
/// (loopback), grants required, <see cref="Reviewer"/> the reviewer, <see cref="Analyst"/> an ordinary user, and an
/// Airflow task that ran twice (one failure) so the job page has runs and SQL to show.
/// </summary>
public sealed class GovernanceCatalogFixture : IAsyncLifetime
{
    public const string Reviewer = "rita";
    public const string Analyst = "ulla";
    public const string Admin = "ada";
    public const string JobNamespace = "airflow-ui";
    public const string JobName = "orders_etl.load_orders";
    public const string JobSql = "INSERT INTO demo.mart.orders_daily SELECT account_id, owner_email FROM demo.raw.accounts_export";

    private CatalogProcess? _catalog;

    public Uri BaseAddress => _catalog!.BaseAddress;

    public async Task InitializeAsync()
    {
        _catalog = await CatalogProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "TownLake.Catalog.dll"),
            ["--TownLake:Auth:Mode=header", "--TownLake:Governance:RequireGrants=true", "--TownLake:Governance:Reviewers=" + Reviewer],
            "Development", TimeSpan.FromSeconds(90), CancellationToken.None);
        // The first request builds the schema: paid here rather than in the first test's step timeout.
        await GraphQLAsync(Admin, "{ me { user { name } } datasets(first: 1) { nodes { name } } }");
        await PostLineageAsync(AirflowTask("START", "2026-11-20T06:01:00Z", "5b0c1e10-0000-4000-8000-000000000001"));
        await PostLineageAsync(AirflowTask("FAIL", "2026-11-20T06:02:00Z", "5b0c1e10-0000-4000-8000-000000000001",
            ""","errorMessage":{"message":"relation shop.public.orders is locked","programmingLanguage":"python"}"""));
        await PostLineageAsync(AirflowTask("START", "2026-11-21T06:01:00Z", "5b0c1e10-0000-4000-8000-000000000002"));
        await PostLineageAsync(AirflowTask("COMPLETE", "2026-11-21T06:03:30Z", "5b0c1e10-0000-4000-8000-000000000002"));
    }

    /// <summary>Runs a GraphQL operation as <paramref name="user"/> (through the trusted-proxy headers) and returns its data; throws on errors.</summary>
    public async Task<JsonNode> GraphQLAsync(string user, string query, object? variables = null)
    {
        using var http = Client(user);
        using var response = await http.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query, variables });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (body["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new InvalidOperationException($"GraphQL as {user} failed: {errors.ToJsonString()}");
        }

        return body["data"]!;
    }

    private async Task PostLineageAsync(string json)
    {
        using var http = Client(Admin);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/v1/lineage", UriKind.Relative), content);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"Posting lineage answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private HttpClient Client(string user)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
        http.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        if (user == Admin)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-Groups", "admins");
        }

        return http;
    }

    /// <summary>The shape the Airflow provider sends for a task of a DAG run.</summary>
    private static string AirflowTask(string eventType, string time, string runId, string extraRunFacets = "") => $$$"""
        {"eventType":"{{{eventType}}}","eventTime":"{{{time}}}","producer":"https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"{{{runId}}}","facets":{"nominalTime":{"nominalStartTime":"{{{time}}}"}{{{extraRunFacets}}}}},
         "job":{"namespace":"{{{JobNamespace}}}","name":"{{{JobName}}}","facets":{
            "jobType":{"processingType":"BATCH","integration":"AIRFLOW","jobType":"TASK"},
            "sql":{"query":"{{{JobSql}}}"} } },
         "inputs":[{"namespace":"duckdb://demo","name":"demo.raw.accounts_export"}],
         "outputs":[{"namespace":"duckdb://demo","name":"demo.mart.orders_daily"}]}
        """;

    public async Task DisposeAsync()
    {
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }
    }
}
