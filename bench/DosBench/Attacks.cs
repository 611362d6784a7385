using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace TownLake.DosBench;

/// <summary>The hostile requests of issue 11 (findings 3, 4, 5, 7 and 10), each as an <see cref="Attack"/>.</summary>
internal static class Attacks
{
    /// <summary>Requests the service must refuse quickly: the target is a 4xx in under 100 ms.</summary>
    public static IReadOnlyList<Attack> Refusable(TimeSpan interval, int maxRuns)
    {
        // Bodies are built once, so the attacking clients spend the machine's cores on sending, not on building.
        var doubling = FragmentDoubling();
        var repeated = GraphQLBody("{ dataset(name: \"demo.dim.customers\") { " + string.Concat(Enumerable.Repeat("name ", 50_000)) + "} }");
        var twoMegabytes = GraphQLBody("{ " + string.Concat(Enumerable.Repeat("__typename ", 200_000)) + "}");
        var aliasStorm = GraphQLBody("mutation { " + string.Concat(Enumerable.Range(0, 500).Select(i => $"q{i}: startQuery(sql: \"SELECT {i}\") {{ id }} ")) + "}");
        var lineage = Encoding.UTF8.GetBytes(LineageEvent(100_000));
        return
        [
            new("GraphQL fragment doubling, POST (1.3 KB, 2^40 fields)", maxRuns, interval, (c, t) => PostAsync(c, "/graphql", GraphQLBody(doubling), t)),
            new("GraphQL fragment doubling, GET", maxRuns, interval, (c, t) => GraphQLGetAsync(c, doubling, t)),
            new($"GraphQL 50,000 repeated fields ({repeated.Length / 1024:N0} KB)", maxRuns, interval, (c, t) => PostAsync(c, "/graphql", repeated, t)),
            new($"GraphQL 2 MB query of 200,000 __typename", maxRuns, interval, (c, t) => PostAsync(c, "/graphql", twoMegabytes, t)),
            new("GraphQL alias storm: 500 x startQuery", maxRuns, interval, (c, t) => PostAsync(c, "/graphql", aliasStorm, t)),
            // As many requests as the other attacks: with 20, the p99 was simply the slowest one.
            new($"OpenLineage event with 100,000 inputs ({lineage.Length / 1024 / 1024:N0} MB)", maxRuns, interval, (c, t) => PostAsync(c, "/api/v1/lineage", lineage, t)),
        ];
    }

    /// <summary>Queries the query front accepts but must bound: memory-heavy results and a spilling sort.</summary>
    public static IReadOnlyList<Attack> Heavy(TimeSpan window) =>
    [
        new("Query: SELECT repeat('x',10000) FROM range(100000) (1 GB of results)", 3, TimeSpan.FromSeconds(1), (c, t) => QueryRunAsync(c, "SELECT repeat('x',10000) FROM range(100000)", window, t)),
        new("Query: a 20M-row sort (spills when memory is bounded)", 2, TimeSpan.FromSeconds(1),
            (c, t) => QueryRunAsync(c, "SELECT count(*) FROM (SELECT i, md5(i::VARCHAR) AS h FROM range(20000000) t(i) ORDER BY h)", window, t)),
    ];

    public static string FragmentDoubling(int levels = 40)
    {
        var text = new StringBuilder("query { ...F").Append(levels).Append(" }\nfragment F0 on Query { __typename }\n");
        for (var i = 1; i <= levels; i++)
        {
            text.Append("fragment F").Append(i).Append(" on Query { ...F").Append(i - 1).Append(" ...F").Append(i - 1).Append(" }\n");
        }

        return text.ToString();
    }

    private static string LineageEvent(int inputs)
    {
        var text = new StringBuilder("{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-11-20T10:00:00Z\",\"producer\":\"dosbench\",\"run\":{\"runId\":\"")
            .Append(Guid.NewGuid()).Append("\"},\"job\":{\"namespace\":\"dosbench\",\"name\":\"flood\"},\"inputs\":[");
        text.AppendJoin(',', Enumerable.Range(0, inputs).Select(i => $"{{\"namespace\":\"dosbench\",\"name\":\"flood.raw.input_{i:D6}\"}}"));
        return text.Append("],\"outputs\":[{\"namespace\":\"dosbench\",\"name\":\"flood.out.result\"}]}").ToString();
    }

    private static byte[] GraphQLBody(string query) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { query });

    /// <summary>Posts JSON with a Content-Length, as curl does.</summary>
    private static async Task<AttackAnswer> PostAsync(HttpClient client, string path, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content, cancellationToken);
        return new AttackAnswer(Attack.Status(response.StatusCode, Code(await response.Content.ReadAsStringAsync(cancellationToken))));
    }

    private static async Task<AttackAnswer> GraphQLGetAsync(HttpClient client, string query, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString(query), cancellationToken);
        return new AttackAnswer(Attack.Status(response.StatusCode, Code(await response.Content.ReadAsStringAsync(cancellationToken))));
    }

    /// <summary>Starts a run and follows it to its end (or the window's): the outcome is its final state and row count.</summary>
    private static async Task<AttackAnswer> QueryRunAsync(HttpClient client, string sql, TimeSpan window, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var started = await client.PostAsJsonAsync("/graphql", new { query = "mutation($sql: String!) { startQuery(sql: $sql) { id state } }", variables = new { sql } }, cancellationToken);
        var body = JsonNode.Parse(await started.Content.ReadAsStringAsync(cancellationToken));
        var id = (string?)body?["data"]?["startQuery"]?["id"];
        if (id is null)
        {
            return new AttackAnswer("startQuery " + Attack.Status(started.StatusCode, Code(body?.ToJsonString())));
        }

        var polls = (int)(window.TotalMilliseconds / 250) + 1;
        for (var poll = 0; poll < polls && !cancellationToken.IsCancellationRequested; poll++)
        {
            using var response = await client.PostAsJsonAsync("/graphql",
                new { query = "query($id: ID!) { queryRun(id: $id) { state rowCount truncated error { message } } }", variables = new { id } }, CancellationToken.None);
            var run = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))?["data"]?["queryRun"];
            var state = (string?)run?["state"];
            if (state is "SUCCEEDED" or "FAILED" or "CANCELLED")
            {
                var detail = state == "FAILED"
                    ? ": " + Shorten((string?)run?["error"]?["message"])
                    : $" ({(long?)run?["rowCount"]:N0} rows{((bool?)run?["truncated"] == true ? ", truncated" : "")})";
                return new AttackAnswer(state + detail, clock.Elapsed);
            }

            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return new AttackAnswer("started; still running at the window's end", clock.Elapsed);
    }

    private static string? Code(string? json)
    {
        try
        {
            var node = json is null ? null : JsonNode.Parse(json);
            // GraphQL errors, the REST/agent shape, and Marquez's (numeric code, TownLake's code in details) on /api/v1.
            return (string?)node?["errors"]?[0]?["extensions"]?["code"] ?? (string?)node?["error"]?["code"] ?? (string?)node?["details"];
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
