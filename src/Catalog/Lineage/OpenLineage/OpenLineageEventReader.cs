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

    private static List<OpenLineageDataset> Datasets(JsonObject root, string property, string defaultNamespace, List<string> warnings, OpenLineageLimits limits, int max, string setting)
    {
        var result = new List<OpenLineageDataset>();
        if (root[property] is null)
        {
            return result;
        }

        if (root[property] is not JsonArray array)
        {
            throw CatalogException.BadInput($"{property} must be an array of datasets.");
        }

        Limit(property, array.Count, max, setting);

        for (var i = 0; i < array.Count; i++)
        {
            result.Add(Dataset(array[i], $"{property}[{i}]", defaultNamespace, warnings, limits));
        }

        return result;
    }

    /// <summary>Reads an OpenLineage DatasetEvent (<c>{"dataset": {...}, "eventTime", "producer"}</c>): its one dataset.</summary>
    public static OpenLineageDataset ReadDatasetEvent(JsonObject root, List<string> warnings, OpenLineageLimits limits) =>
        Dataset(root["dataset"], "dataset", DefaultNamespace, warnings, limits);

    private static OpenLineageDataset Dataset(JsonNode? node, string path, string defaultNamespace, List<string> warnings, OpenLineageLimits limits)
    {
        if (node is not JsonObject dataset)
        {
            throw CatalogException.BadInput($"{path} must be an object with a namespace and a name.");
        }

        var name = RequiredString(dataset, "name", path + ".name");
        var ns = OptionalString(dataset, "namespace", path + ".namespace");
        if (ns is null)
        {
            ns = defaultNamespace;
            warnings.Add($"{path}.namespace is missing; the job's namespace '{defaultNamespace}' was used.");
        }

        var facets = OptionalObject(dataset, "facets", path + ".facets");
        var version = facets is null ? null : OptionalObject(facets, "version", path + ".facets.version");
        var lifecycle = facets is null ? null : OptionalObject(facets, "lifecycleStateChange", path + ".facets.lifecycleStateChange");
        return new OpenLineageDataset(ns, name,
            facets is null ? null : Schema(facets, path + ".facets.schema", limits),
            facets is null ? [] : Symlinks(facets, ns, path + ".facets.symlinks", limits),
            facets is null ? null : ColumnLineage(facets, defaultNamespace, path + ".facets.columnLineage", limits),
            facets is null || OptionalObject(facets, "documentation", path + ".facets.documentation") is not { } doc ? null : OptionalString(doc, "description", path + ".facets.documentation.description"))
        {
            Version = version is null ? null : OptionalString(version, "datasetVersion", path + ".facets.version.datasetVersion"),
            LifecycleStateChange = lifecycle is null ? null : OptionalString(lifecycle, "lifecycleStateChange", path + ".facets.lifecycleStateChange.lifecycleStateChange")?.ToUpperInvariant(),
        };
    }

    private static List<OpenLineageField>? Schema(JsonObject facets, string path, OpenLineageLimits limits)
    {
        if (OptionalObject(facets, "schema", path) is not { } schema)
        {
            return null;
        }

        if (schema["fields"] is null)
        {
            return null;
        }

        if (schema["fields"] is not JsonArray fields)
        {
            throw CatalogException.BadInput($"{path}.fields must be an array.");
        }

        Limit(path + ".fields", fields.Count, limits.MaxFields, nameof(limits.MaxFields));
        var result = new List<OpenLineageField>();
        for (var i = 0; i < fields.Count; i++)
        {
            var fieldPath = $"{path}.fields[{i}]";
            if (fields[i] is not JsonObject field)
            {
                throw CatalogException.BadInput($"{fieldPath} must be an object with a name.");
            }

            result.Add(new OpenLineageField(RequiredString(field, "name", fieldPath + ".name"),
                OptionalString(field, "type", fieldPath + ".type"), OptionalString(field, "description", fieldPath + ".description")));
        }

        return result;
    }

    private static List<OpenLineageSymlink> Symlinks(JsonObject facets, string datasetNamespace, string path, OpenLineageLimits limits)
    {
        var result = new List<OpenLineageSymlink>();
        if (OptionalObject(facets, "symlinks", path) is not { } symlinks || symlinks["identifiers"] is null)
        {
            return result;
        }

        if (symlinks["identifiers"] is not JsonArray identifiers)
        {
            throw CatalogException.BadInput($"{path}.identifiers must be an array.");
        }

        Limit(path + ".identifiers", identifiers.Count, limits.MaxFields, nameof(limits.MaxFields));

        for (var i = 0; i < identifiers.Count; i++)
        {
            var itemPath = $"{path}.identifiers[{i}]";
            if (identifiers[i] is not JsonObject identifier)
            {
                throw CatalogException.BadInput($"{itemPath} must be an object with a namespace, a name and a type.");
            }

            result.Add(new OpenLineageSymlink(OptionalString(identifier, "namespace", itemPath + ".namespace") ?? datasetNamespace,
                RequiredString(identifier, "name", itemPath + ".name"), OptionalString(identifier, "type", itemPath + ".type")));
        }

        return result;
    }

    private static OpenLineageColumnLineage? ColumnLineage(JsonObject facets, string defaultNamespace, string path, OpenLineageLimits limits)
    {
        if (OptionalObject(facets, "columnLineage", path) is not { } facet)
        {
            return null;
        }

        var outputFields = new List<OpenLineageOutputField>();
        if (facet["fields"] is not null)
        {
            if (facet["fields"] is not JsonObject fields)
            {
                throw CatalogException.BadInput($"{path}.fields must be an object keyed by output field name.");
            }

            Limit(path + ".fields", fields.Count, limits.MaxFields, nameof(limits.MaxFields));

            foreach (var (fieldName, value) in fields)
            {
                var fieldPath = $"{path}.fields.{InputEcho.Truncate(fieldName)}";
                if (value is not JsonObject field)
                {
                    throw CatalogException.BadInput($"{fieldPath} must be an object with inputFields.");
                }

                // Facet 1-0-x put the transformation on the output field; later versions on each input field.
                var legacyType = OptionalString(field, "transformationType", fieldPath + ".transformationType");
                var legacyDescription = OptionalString(field, "transformationDescription", fieldPath + ".transformationDescription");
                outputFields.Add(new OpenLineageOutputField(fieldName, InputFields(field, "inputFields", fieldPath, defaultNamespace, legacyType, legacyDescription, limits)));
            }
        }

        return new OpenLineageColumnLineage(outputFields, InputFields(facet, "dataset", path, defaultNamespace, null, null, limits));
    }

    private static List<OpenLineageInputField> InputFields(JsonObject owner, string property, string path, string defaultNamespace, string? legacyType, string? legacyDescription, OpenLineageLimits limits)
    {
        var result = new List<OpenLineageInputField>();
        if (owner[property] is null)
        {
            return result;
        }

        if (owner[property] is not JsonArray array)
        {
            throw CatalogException.BadInput($"{path}.{property} must be an array.");
        }

        Limit($"{path}.{property}", array.Count, limits.MaxFields, nameof(limits.MaxFields));

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}.{property}[{i}]";
            if (array[i] is not JsonObject input)
            {
                throw CatalogException.BadInput($"{itemPath} must be an object with a namespace, a name and a field.");
            }

            var transformations = new List<string>();
            string? description = legacyDescription;
            if (input["transformations"] is not null)
            {
                if (input["transformations"] is not JsonArray list)
                {
                    throw CatalogException.BadInput($"{itemPath}.transformations must be an array.");
                }

                Limit(itemPath + ".transformations", list.Count, limits.MaxFields, nameof(limits.MaxFields));

                for (var t = 0; t < list.Count; t++)
                {
                    var tPath = $"{itemPath}.transformations[{t}]";
                    if (list[t] is not JsonObject transformation)
                    {
                        throw CatalogException.BadInput($"{tPath} must be an object with a type.");
                    }

                    var type = RequiredString(transformation, "type", tPath + ".type").ToUpperInvariant();
                    var subtype = OptionalString(transformation, "subtype", tPath + ".subtype")?.ToUpperInvariant();
                    var text = subtype is { Length: > 0 } ? $"{type}/{subtype}" : type;
                    if (!transformations.Contains(text))
                    {
                        transformations.Add(text);
                    }

                    description ??= OptionalString(transformation, "description", tPath + ".description") is { Length: > 0 } d ? d : null;
                }
            }
            else if (legacyType is not null)
            {
                transformations.Add(legacyType.ToUpperInvariant());
            }

            result.Add(new OpenLineageInputField(OptionalString(input, "namespace", itemPath + ".namespace") ?? defaultNamespace,
                RequiredString(input, "name", itemPath + ".name"), RequiredString(input, "field", itemPath + ".field"), transformations, description));
        }

        return result;
    }

    private static void Limit(string path, int count, int max, string setting)
    {
        if (count > max)
        {
            throw CatalogException.BadInput(OpenLineageLimits.Over(path, count, max, setting));
        }
    }

    private static string RequiredString(JsonObject owner, string property, string path) =>
        OptionalString(owner, property, path) is { Length: > 0 } value && value.Trim().Length > 0
            ? value
            : throw CatalogException.BadInput($"{path} is required.");

    private static string? OptionalString(JsonObject owner, string property, string path)
    {
        var node = owner[property];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        throw CatalogException.BadInput($"{path} must be a string.");
    }

    private static JsonObject? OptionalObject(JsonObject owner, string property, string path) => owner[property] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw CatalogException.BadInput($"{path} must be an object."),
    };
}
