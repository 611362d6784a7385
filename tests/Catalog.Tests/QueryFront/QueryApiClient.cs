using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using TownLake.Catalog.QueryFront;

namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>Drives the query front over real HTTP (GraphQL and the agent API), and reads DuckDB directly for comparison.</summary>
public static class QueryApiClient
{
    public const string RunFields = "id sql state user submittedAt startedAt finishedAt elapsedMs rowCount truncated engine error { message line column kind } datasets";

    public static async Task<JsonNode> StartAsync(CatalogApiFactory api, string sql, HttpClient? client = null) =>
        (await api.DataAsync($"mutation($sql: String!) {{ startQuery(sql: $sql) {{ {RunFields} }} }}", new { sql }, client))["startQuery"]!;

    /// <summary>Polls queryRun until the run has ended (at most 60 s).</summary>
    public static async Task<JsonNode> WaitAsync(CatalogApiFactory api, string id, HttpClient? client = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = (await api.DataAsync($"query($id: ID!) {{ queryRun(id: $id) {{ {RunFields} }} }}", new { id }, client))["queryRun"]!;
            if (run["state"]!.GetValue<string>() is "SUCCEEDED" or "FAILED" or "CANCELLED" || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(20);
        }
    }

    public static async Task<JsonNode> RunAsync(CatalogApiFactory api, string sql, HttpClient? client = null) =>
        await WaitAsync(api, (await StartAsync(api, sql, client))["id"]!.GetValue<string>(), client);

    /// <summary>Every row of a finished run, paged through <c>results</c>, as compact JSON per row.</summary>
    public static async Task<(List<string> Columns, List<string> Rows)> AllRowsAsync(CatalogApiFactory api, string id, int pageSize = 1000, HttpClient? client = null)
    {
        var rows = new List<string>();
        List<string> columns = [];
        var offset = 0;
        while (true)
        {
            var page = (await api.DataAsync(
                "query($id: ID!, $offset: Int, $limit: Int) { results(id: $id, offset: $offset, limit: $limit) { columns { name type } rows offset limit total hasMore } }",
                new { id, offset, limit = pageSize }, client))["results"]!;
            columns = page["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
            rows.AddRange(page["rows"]!.AsArray().Select(r => r!.ToJsonString()));
            offset += pageSize;
            if (!page["hasMore"]!.GetValue<bool>())
            {
                return (columns, rows);
            }
        }
    }

    /// <summary>The same statement run by DuckDB itself on the file (read-only), rows as compact JSON like the API writes them.</summary>
    public static List<string> DuckDbRows(string databasePath, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={databasePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(JsonSerializer.Serialize(ResultValues.Row(row)));
        }

        return rows;
    }

    public static async Task<(int Status, JsonNode Body)> PostAgentAsync(HttpClient client, string tool, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/agent/{tool}", body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!);
    }
}
