using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// Reads an OpenLineage event from JSON. Wrong shapes are rejected with BAD_USER_INPUT naming the field
/// (<c>outputs[0].name is required</c>); what producers commonly leave out is filled in and reported as a warning:
/// a missing run id becomes a hash of the event, a missing event time the time of receipt, a missing dataset
/// namespace the job's namespace, a missing job name a name derived from the first output. An event time must be an
/// RFC 3339 date-time with an offset; lists past <see cref="OpenLineageLimits"/> are refused naming the limit.
/// </summary>
public static partial class OpenLineageEventReader
{
    private static readonly string[] EventTypes = ["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"];

    /// <summary>The namespace given to datasets and jobs that name none.</summary>
    public const string DefaultNamespace = "default";

    public static OpenLineageEvent Read(JsonNode? body, DateTimeOffset receivedAt) => Read(body, receivedAt, new OpenLineageLimits());

    public static OpenLineageEvent Read(JsonNode? body, DateTimeOffset receivedAt, OpenLineageLimits limits)
    {
        if (body is not JsonObject root)
        {
            throw CatalogException.BadInput("The body must be a JSON object: an OpenLineage RunEvent.");
        }

        var warnings = new List<string>();
        var eventType = OptionalString(root, "eventType", "eventType")?.ToUpperInvariant();
        if (eventType is null)
        {
            eventType = "OTHER";
        }
        else if (!EventTypes.Contains(eventType))
        {
            throw CatalogException.BadInput($"eventType must be one of {string.Join(", ", EventTypes)} (got {InputEcho.Quote(eventType)}).");
        }

        var eventTime = receivedAt;
        var timeText = OptionalString(root, "eventTime", "eventTime");
        if (timeText is null)
        {
            warnings.Add("eventTime is missing; the time of receipt was used.");
        }
        else
        {
            eventTime = EventTime(timeText);
        }

        var run = OptionalObject(root, "run", "run");
        var runId = run is null ? null : OptionalString(run, "runId", "run.runId");
        if (runId is null)
        {
            runId = "derived-" + Hash(root.ToJsonString())[..32];
            warnings.Add("run.runId is missing; a run id was derived from the event's content.");
        }

        var jobNode = OptionalObject(root, "job", "job");
        var jobNamespace = jobNode is null ? DefaultNamespace : OptionalString(jobNode, "namespace", "job.namespace") ?? DefaultNamespace;
        var inputs = Datasets(root, "inputs", jobNamespace, warnings, limits, limits.MaxInputs, nameof(limits.MaxInputs));
        var outputs = Datasets(root, "outputs", jobNamespace, warnings, limits, limits.MaxOutputs, nameof(limits.MaxOutputs));
        if (jobNode is null && inputs.Count == 0 && outputs.Count == 0)
        {
            throw CatalogException.BadInput("job is required (an event needs a job, or at least inputs or outputs).");
        }

        var job = Job(jobNode, outputs, inputs, warnings);
        return new OpenLineageEvent(eventType, eventTime, runId, job, inputs, outputs, warnings)
        {
            Run = RunFacets(run),
            // A JobEvent has neither a run nor an event type (OpenLineage 2-0-2): it is no run at all.
            IsJobEvent = run is null && root["eventType"] is null,
        };
    }

    /// <summary>
    /// An event time as the spec defines it (RFC 3339 / ISO 8601 with a zone offset); anything else, a bare date or a
    /// local time without an offset included, is refused rather than guessed.
    /// </summary>
    public static DateTimeOffset EventTime(string text)
    {
        if (Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        throw CatalogException.BadInput($"eventTime {InputEcho.Quote(text)} is not an RFC 3339 date-time with an offset, e.g. 2024-05-01T12:30:00Z or 2024-05-01T14:30:00.123+02:00.");
    }

    private static OpenLineageRunFacets RunFacets(JsonObject? run)
    {
        var facets = run is null ? null : OptionalObject(run, "facets", "run.facets");
        if (facets is null)
        {
            return new OpenLineageRunFacets();
        }

        var nominal = OptionalObject(facets, "nominalTime", "run.facets.nominalTime");
        var parent = OptionalObject(facets, "parent", "run.facets.parent");
        var parentJob = parent is null ? null : OptionalObject(parent, "job", "run.facets.parent.job");
        var parentRun = parent is null ? null : OptionalObject(parent, "run", "run.facets.parent.run");
        var error = OptionalObject(facets, "errorMessage", "run.facets.errorMessage");
        return new OpenLineageRunFacets
        {
            NominalStartTime = nominal is null ? null : OptionalTime(nominal, "nominalStartTime", "run.facets.nominalTime.nominalStartTime"),
            NominalEndTime = nominal is null ? null : OptionalTime(nominal, "nominalEndTime", "run.facets.nominalTime.nominalEndTime"),
            ParentJobNamespace = parentJob is null ? null : OptionalString(parentJob, "namespace", "run.facets.parent.job.namespace"),
            ParentJobName = parentJob is null ? null : OptionalString(parentJob, "name", "run.facets.parent.job.name"),
            ParentRunId = parentRun is null ? null : OptionalString(parentRun, "runId", "run.facets.parent.run.runId"),
            ErrorMessage = error is null ? null : OptionalString(error, "message", "run.facets.errorMessage.message"),
            ErrorLanguage = error is null ? null : OptionalString(error, "programmingLanguage", "run.facets.errorMessage.programmingLanguage"),
            StackTrace = error is null ? null : OptionalString(error, "stackTrace", "run.facets.errorMessage.stackTrace"),
            Json = facets.ToJsonString(),
        };
    }

    private static DateTimeOffset? OptionalTime(JsonObject owner, string property, string path)
    {
        var text = OptionalString(owner, property, path);
        if (text is null)
        {
            return null;
        }

        try
        {
            return EventTime(text);
        }
        catch (CatalogException)
        {
            throw CatalogException.BadInput($"{path} {InputEcho.Quote(text)} is not an RFC 3339 date-time with an offset.");
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    /// <summary>A stable hash of a text (hex SHA-256).</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static OpenLineageJob Job(JsonObject? node, IReadOnlyList<OpenLineageDataset> outputs, IReadOnlyList<OpenLineageDataset> inputs, List<string> warnings)
    {
        var ns = node is null ? null : OptionalString(node, "namespace", "job.namespace");
        var name = node is null ? null : OptionalString(node, "name", "job.name");
        if (ns is null)
        {
            ns = DefaultNamespace;
            warnings.Add($"job.namespace is missing; '{DefaultNamespace}' was used.");
        }

        if (name is null)
        {
            // Marquez draws lineage through job nodes, so a nameless job still needs a stable name.
            var anchor = outputs.Count > 0 ? outputs[0] : inputs[0];
            name = $"unnamed:{anchor.Namespace}:{anchor.Name}";
            warnings.Add($"job.name is missing; the job was named '{name}' after its first {(outputs.Count > 0 ? "output" : "input")}.");
        }

        var facets = node is null ? null : OptionalObject(node, "facets", "job.facets");
        var sql = facets is null ? null : OptionalObject(facets, "sql", "job.facets.sql");
        var documentation = facets is null ? null : OptionalObject(facets, "documentation", "job.facets.documentation");
        var location = facets is null ? null : OptionalObject(facets, "sourceCodeLocation", "job.facets.sourceCodeLocation");
        var ownership = facets is null ? null : OptionalObject(facets, "ownership", "job.facets.ownership");
        var jobType = facets is null ? null : OptionalObject(facets, "jobType", "job.facets.jobType");
        var owners = new List<string>();
        if (ownership?["owners"] is { } ownerList)
        {
            if (ownerList is not JsonArray array)
            {
                throw CatalogException.BadInput("job.facets.ownership.owners must be an array.");
            }

            Limit("job.facets.ownership.owners", array.Count, 1_000, nameof(OpenLineageLimits.MaxFields));
            for (var i = 0; i < array.Count; i++)
            {
                var owner = array[i] as JsonObject ?? throw CatalogException.BadInput($"job.facets.ownership.owners[{i}] must be an object with a name.");
                owners.Add(RequiredString(owner, "name", $"job.facets.ownership.owners[{i}].name"));
            }
        }

        var locationText = location is null ? null
            : OptionalString(location, "url", "job.facets.sourceCodeLocation.url")
              ?? (OptionalString(location, "repoUrl", "job.facets.sourceCodeLocation.repoUrl") is { } repo
                  ? repo + (OptionalString(location, "path", "job.facets.sourceCodeLocation.path") is { } path ? "/" + path.TrimStart('/') : "")
                  : null);
        return new OpenLineageJob(ns, name,
            sql is null ? null : OptionalString(sql, "query", "job.facets.sql.query"),
            sql is null ? null : OptionalString(sql, "dialect", "job.facets.sql.dialect"),
            documentation is null ? null : OptionalString(documentation, "description", "job.facets.documentation.description"))
        {
            Location = locationText,
            Owners = owners,
            ProcessingType = jobType is null ? null : OptionalString(jobType, "processingType", "job.facets.jobType.processingType")?.ToUpperInvariant(),
            Integration = jobType is null ? null : OptionalString(jobType, "integration", "job.facets.jobType.integration")?.ToUpperInvariant(),
        };
    }
}
