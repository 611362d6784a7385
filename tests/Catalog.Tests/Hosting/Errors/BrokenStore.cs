using TownLake.Catalog.Hosting.Errors;

namespace TownLake.Catalog.Tests.Hosting.Errors;

/// <summary>
/// What every face answers once the store breaks under the running service (its tables dropped, or its database
/// gone): the same code and message on each, with nothing of the database's own message, promptly (never a hang
/// behind the broken store).
/// </summary>
public static class BrokenStore
{
    /// <summary>The statement that breaks the store: it drops the tables the reads below need, in both dialects.</summary>
    public const string DropTables = "DROP TABLE entity_links; DROP TABLE entities; DROP TABLE lineage_events; DROP TABLE query_audit_datasets; DROP TABLE query_audit;";

    /// <summary>
    /// How long all faces together may take: each must fail at once, not wait out a timeout. Generous for a loaded
    /// 2-core machine (the MCP client's first connect compiles a good deal), far below any network or pool timeout.
    /// </summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    /// <summary>Tables gone: every face answers INTERNAL (500) and names nothing of the database.</summary>
    public static Task AssertInternalOnEveryFaceAsync(CatalogApiFactory api) =>
        AssertOnEveryFaceAsync(api, ErrorCodes.Internal, CatalogError.InternalMessage, 500);

    /// <summary>
    /// Asks each face for <c>a.b.c</c> (which the caller wrote before breaking the store) within <see cref="Budget"/>
    /// and asserts the one error contract: <paramref name="code"/> and <paramref name="message"/> everywhere, <paramref name="status"/> on HTTP.
    /// </summary>
    public static async Task AssertOnEveryFaceAsync(CatalogApiFactory api, string code, string message, int status)
    {
        await using var faces = new ErrorFaces(api);
        using var budget = new CancellationTokenSource(Budget);
        SeenError[] seen;
        try
        {
            seen = await AskEveryFaceAsync(faces).WaitAsync(budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            throw new TimeoutException($"The faces did not all answer within {Budget.TotalSeconds:N0} s of the store breaking: a request waits behind the broken store instead of failing.");
        }

        ErrorContractTests.AssertSame(code, message, seen);
        Assert.All(seen.Where(s => s.Face != "graphql" && s.Status is not null), s => Assert.Equal(status, s.Status));
    }

    private static async Task<SeenError[]> AskEveryFaceAsync(ErrorFaces faces) =>
    [
        await faces.GraphQLAsync("""{ dataset(name: "a.b.c") { urn } }"""),
        await faces.RestAsync("/api/agent/list_schema_fields", """{"dataset": "a.b.c"}"""),
        await faces.RestAsync("/api/agent/get_lineage", """{"dataset": "a.b.c"}"""),
        await faces.RestAsync("/api/agent/fetch_results", """{"id": "some-run"}"""),
        await faces.MarquezAsync(HttpMethod.Get, "/api/v1/events/lineage"),
        await faces.McpAsync("list_schema_fields", new() { ["dataset"] = "a.b.c" }),
    ];
}
