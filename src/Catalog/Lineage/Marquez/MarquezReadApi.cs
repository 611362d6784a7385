using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>
/// Marquez's read API under <c>/api/v1</c> (namespaces, sources, datasets, jobs, runs, search, tags), so Marquez's web
/// UI and clients can point at TownLake. Errors answer in Marquez's shape. Path values arrive percent-decoded except
/// <c>/</c> (<c>%2F</c>), which dataset names such as object-store paths hold; they are decoded here.
/// </summary>
public static class MarquezReadApi
{
    public static void MapMarquezReadApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithErrorFace(ErrorFace.Marquez).WithTags("Marquez");
        api.MapGet("/namespaces", (string? limit, string? offset, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.ListNamespacesAsync(MarquezPage.From(limit, offset), ct))).WithName("MarquezListNamespaces").WithSummary("Marquez: namespaces.");
        api.MapGet("/namespaces/{namespace}", (string @namespace, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.GetNamespaceAsync(Path(@namespace), ct))).WithName("MarquezGetNamespace").WithSummary("Marquez: one namespace.");
        api.MapGet("/sources", (string? limit, string? offset, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.ListSourcesAsync(MarquezPage.From(limit, offset), ct))).WithName("MarquezListSources").WithSummary("Marquez: sources.");
        api.MapGet("/sources/{source}", (string source, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.GetSourceAsync(Path(source), ct))).WithName("MarquezGetSource").WithSummary("Marquez: one source.");
        api.MapGet("/namespaces/{namespace}/datasets", (HttpContext http, string @namespace, string? limit, string? offset, MarquezReadService reader, CallerResolver callers, CancellationToken ct) =>
            Json(reader.ListDatasetsAsync(callers.Resolve(http), Path(@namespace), MarquezPage.From(limit, offset), ct))).WithName("MarquezListDatasets").WithSummary("Marquez: datasets of a namespace.");
        api.MapGet("/namespaces/{namespace}/datasets/{dataset}", (HttpContext http, string @namespace, string dataset, MarquezReadService reader, CallerResolver callers, CancellationToken ct) =>
            Json(reader.GetDatasetAsync(callers.Resolve(http), Path(@namespace), Path(dataset), ct))).WithName("MarquezGetDataset").WithSummary("Marquez: one dataset.");
        api.MapGet("/namespaces/{namespace}/datasets/{dataset}/versions", (HttpContext http, string @namespace, string dataset, string? limit, string? offset, MarquezReadService reader, CallerResolver callers, CancellationToken ct) =>
            Json(reader.ListDatasetVersionsAsync(callers.Resolve(http), Path(@namespace), Path(dataset), MarquezPage.From(limit, offset), ct))).WithName("MarquezListDatasetVersions").WithSummary("Marquez: versions of a dataset.");
        api.MapGet("/namespaces/{namespace}/datasets/{dataset}/versions/{version}", (HttpContext http, string @namespace, string dataset, string version, MarquezReadService reader, CallerResolver callers, CancellationToken ct) =>
            Json(reader.GetDatasetVersionAsync(callers.Resolve(http), Path(@namespace), Path(dataset), Path(version), ct))).WithName("MarquezGetDatasetVersion").WithSummary("Marquez: one version of a dataset.");
        api.MapGet("/jobs", (string? limit, string? offset, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.ListJobsAsync(null, MarquezPage.From(limit, offset), ct))).WithName("MarquezListAllJobs").WithSummary("Marquez: jobs of every namespace.");
        api.MapGet("/namespaces/{namespace}/jobs", (string @namespace, string? limit, string? offset, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.ListJobsAsync(Path(@namespace), MarquezPage.From(limit, offset), ct))).WithName("MarquezListJobs").WithSummary("Marquez: jobs of a namespace.");
        api.MapGet("/namespaces/{namespace}/jobs/{job}", (string @namespace, string job, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.GetJobAsync(Path(@namespace), Path(job), ct))).WithName("MarquezGetJob").WithSummary("Marquez: one job.");
        api.MapGet("/namespaces/{namespace}/jobs/{job}/versions", (string @namespace, string job, string? limit, string? offset, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.ListJobVersionsAsync(Path(@namespace), Path(job), MarquezPage.From(limit, offset), ct))).WithName("MarquezListJobVersions").WithSummary("Marquez: versions of a job.");
        api.MapGet("/namespaces/{namespace}/jobs/{job}/versions/{version}", (string @namespace, string job, string version, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.GetJobVersionAsync(Path(@namespace), Path(job), Path(version), ct))).WithName("MarquezGetJobVersion").WithSummary("Marquez: one version of a job.");
        api.MapGet("/namespaces/{namespace}/jobs/{job}/runs", (string @namespace, string job, string? limit, string? offset, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.ListJobRunsAsync(Path(@namespace), Path(job), MarquezPage.From(limit, offset), ct))).WithName("MarquezListJobRuns").WithSummary("Marquez: runs of a job, newest first.");
        api.MapGet("/jobs/runs/{id}", (string id, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.GetRunAsync(Path(id), ct))).WithName("MarquezGetRun").WithSummary("Marquez: one run.");
        api.MapGet("/jobs/runs/{id}/facets", (string id, string? type, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.GetRunFacetsAsync(Path(id), type, ct))).WithName("MarquezGetRunFacets").WithSummary("Marquez: a run's run or job facets.");
        api.MapGet("/search", (string? q, string? filter, string? sort, string? limit, string? @namespace, string? before, string? after, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.SearchAsync(MarquezSearch.From(q, filter, sort, limit, @namespace, before, after), ct))).WithName("MarquezSearch").WithSummary("Marquez: datasets and jobs by name pattern.");
        api.MapGet("/tags", (string? limit, string? offset, MarquezReadService reader, CancellationToken ct) =>
            Json(reader.ListTagsAsync(MarquezPage.From(limit, offset), ct))).WithName("MarquezListTags").WithSummary("Marquez: tags.");
    }

    private static async Task<IResult> Json(Task<System.Text.Json.Nodes.JsonObject> answer) => Results.Json(await answer);

    private static string Path(string value) => Uri.UnescapeDataString(value);
}
