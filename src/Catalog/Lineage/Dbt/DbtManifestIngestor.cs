using System.Diagnostics;
using System.Text.Json.Nodes;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.Lineage.Sql;
using TownLake.Catalog.Users;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Lineage.Dbt;

/// <summary>
/// Reads a dbt project's <c>manifest.json</c> (and optionally <c>catalog.json</c> for column types) into the catalog:
/// models, sources, seeds and snapshots become datasets named <c>&lt;database&gt;.&lt;schema&gt;.&lt;alias or name&gt;</c> — the
/// name OpenLineage's dbt integration gives them, so events and the manifest meet in one dataset — with descriptions,
/// columns, tags, owners (<c>meta.owner</c>) and tests; lineage comes from <c>depends_on.nodes</c>, and column lineage
/// from the compiled SQL as far as the analyzer reads it.
/// </summary>
public sealed class DbtManifestIngestor(IEntityStore store, ILineageStore lineageStore, DatasetService datasets, SqlLineageRecorder sqlLineage)
{
    /// <summary>The origin of edges from dbt manifests.</summary>
    public const string Origin = "dbt";

    /// <summary>The job namespace of dbt models (the job name is the node's unique id).</summary>
    public const string JobNamespace = "dbt";

    private static readonly string[] DatasetResources = ["model", "seed", "snapshot", "source"];

    public async Task<DbtIngestionSummary> IngestAsync(JsonNode? manifest, JsonNode? catalog, string? connection, Caller caller, CancellationToken cancellationToken)
    {
        caller.EnsureCanEdit("ingest dbt manifests");
        var started = Stopwatch.GetTimestamp();
        if (manifest is not JsonObject root || root["nodes"] is not JsonObject nodes)
        {
            throw CatalogException.BadInput("manifest.nodes is required: pass the content of dbt's target/manifest.json.");
        }

        if (catalog is not null and not JsonObject)
        {
            throw CatalogException.BadInput("catalog must be the JSON object of dbt's target/catalog.json.");
        }

        if (connection is not null && (connection.Length == 0 || connection.Contains('.')))
        {
            throw CatalogException.BadInput("connection must be a catalog connection name (no dots).");
        }

        var platform = Text(root["metadata"]?["adapter_type"]) is { Length: > 0 } adapter ? OpenLineageNaming.PlatformOf(adapter) : "dbt";
        var warnings = new List<string>();
        var all = nodes.Concat(root["sources"] as JsonObject ?? []).ToList();
        var known = new Dictionary<string, (JsonObject Node, DatasetName Name)>(StringComparer.Ordinal);
        foreach (var (uniqueId, value) in all)
        {
            if (value is JsonObject node && DatasetResources.Contains(Text(node["resource_type"])))
            {
                if (NameOf(node, connection, platform) is { } name)
                {
                    known[uniqueId] = (node, name);
                }
                else
                {
                    warnings.Add($"{uniqueId} has no schema or name; it was skipped.");
                }
            }
        }

        var tests = TestsByNode(nodes);
        var upserts = known.Select(k => Upsert(k.Key, k.Value.Node, k.Value.Name, catalog as JsonObject, tests.GetValueOrDefault(k.Key), platform)).ToList();
        var duplicates = upserts.GroupBy(u => u.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            warnings.Add($"Several dbt nodes map to {string.Join(", ", duplicates)}; the first of each was kept.");
            upserts = upserts.DistinctBy(u => u.Name).ToList();
        }

        await datasets.UpsertManyAsync(upserts, caller, cancellationToken);

        int edges = 0, columnEdges = 0;
        foreach (var (uniqueId, (node, name)) in known)
        {
            var parents = (node["depends_on"]?["nodes"] as JsonArray ?? []).Select(Text).OfType<string>().ToList();
            if (parents.Count == 0)
            {
                continue;
            }

            var upstream = new List<(string Urn, DatasetName Name)>();
            foreach (var parent in parents.Distinct())
            {
                if (known.TryGetValue(parent, out var found))
                {
                    upstream.Add((Urn.Dataset(found.Name), found.Name));
                }
                else
                {
                    // OpenLineage's dbt integration leaves out parents the manifest does not describe; so does TownLake.
                    warnings.Add($"{uniqueId} depends on {parent}, which the manifest does not describe; that edge was left out.");
                }
            }

            var downstream = Urn.Dataset(name);
            var jobUrn = Urn.Job(JobNamespace, uniqueId);
            var sql = Text(node["compiled_code"]) ?? Text(node["compiled_sql"]);
            await store.SaveAsync<Job>(jobUrn, existing => (existing ?? new Job { Urn = jobUrn, Name = uniqueId, Namespace = JobNamespace }) with
            {
                Sql = sql ?? Text(node["raw_code"]) ?? Text(node["raw_sql"]),
                Description = Text(node["description"]) is { Length: > 0 } d ? d : null,
                Removed = false,
            }, caller.UserName, cancellationToken);
            var lineage = upstream.Where(u => u.Urn != downstream)
                .Select(u => new LineageEdge { UpstreamUrn = u.Urn, DownstreamUrn = downstream, Origin = Origin }).ToList();
            if (sql is { Length: > 0 })
            {
                var fromSql = await ColumnLineageAsync(sql, downstream, upstream, platform, cancellationToken);
                lineage.AddRange(fromSql);
                columnEdges += fromSql.Count;
            }

            await lineageStore.ReplaceLineageAsync(downstream, Origin, jobUrn, lineage, cancellationToken);
            edges += lineage.Count;
        }

        int Count(string type) => known.Values.Count(k => Text(k.Node["resource_type"]) == type);
        return new DbtIngestionSummary(connection, Count("model"), Count("source"), Count("seed"), Count("snapshot"), tests.Values.Sum(t => t.Count),
            upserts.Count, edges, columnEdges, warnings, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Column edges from compiled SQL, kept only where they lead from a declared parent.</summary>
    private async Task<List<LineageEdge>> ColumnLineageAsync(string sql, string downstream, List<(string Urn, DatasetName Name)> parents, string platform, CancellationToken cancellationToken)
    {
        var matcher = new SqlTableMatcher();
        foreach (var (urn, name) in parents)
        {
            matcher.Add(urn, [name.Catalog, name.Schema, name.Table]);
        }

        var derived = await sqlLineage.DeriveAsync(new SqlDerivation(sql, downstream)
        {
            Origin = Origin,
            Dialect = SqlDialects.FromHint(platform),
            ResolveTable = matcher.Match,
        }, cancellationToken);
        return derived.Edges.Where(e => e.UpstreamColumn.Length > 0).ToList();
    }

    private static DatasetName? NameOf(JsonObject node, string? connection, string platform)
    {
        var schema = Text(node["schema"]);
        var table = Text(node["resource_type"]) == "source"
            ? Text(node["identifier"]) ?? Text(node["name"])
            : Text(node["alias"]) ?? Text(node["name"]);
        if (string.IsNullOrEmpty(schema) || string.IsNullOrEmpty(table))
        {
            return null;
        }

        var database = connection ?? Text(node["database"]);
        return new DatasetName(string.IsNullOrEmpty(database) ? platform : database, schema, table);
    }

    private static DatasetUpsert Upsert(string uniqueId, JsonObject node, DatasetName name, JsonObject? catalog, List<string>? tests, string platform)
    {
        var catalogColumns = (catalog?["nodes"]?[uniqueId] ?? catalog?["sources"]?[uniqueId])?["columns"] as JsonObject;
        var columns = new List<ColumnUpsert>();
        var documented = node["columns"] as JsonObject ?? [];
        var names = (catalogColumns is null ? [] : catalogColumns
                .Select(c => (Name: Text(c.Value?["name"]) ?? c.Key, Index: (int?)Number(c.Value?["index"]) ?? int.MaxValue))
                .OrderBy(c => c.Index).Select(c => c.Name))
            .Concat(documented.Select(c => Text(c.Value?["name"]) ?? c.Key))
            .DistinctBy(n => n.ToLowerInvariant())
            .ToList();
        foreach (var column in names)
        {
            var doc = documented.FirstOrDefault(c => string.Equals(Text(c.Value?["name"]) ?? c.Key, column, StringComparison.OrdinalIgnoreCase)).Value;
            var typed = catalogColumns?.FirstOrDefault(c => string.Equals(Text(c.Value?["name"]) ?? c.Key, column, StringComparison.OrdinalIgnoreCase)).Value;
            columns.Add(new ColumnUpsert
            {
                Name = column,
                Type = Text(typed?["type"]) ?? Text(doc?["data_type"]),
                Description = Text(doc?["description"]) is { Length: > 0 } d ? d : null,
                Tags = Strings(doc?["tags"]) is { Count: > 0 } t ? t : null,
            });
        }

        var meta = node["meta"] as JsonObject ?? node["config"]?["meta"] as JsonObject;
        var owners = Strings(meta?["owner"]) is { Count: > 0 } o ? o : Strings(node["config"]?["meta"]?["owner"]);
        var properties = new List<CustomProperty> { new("dbt_unique_id", uniqueId) };
        if (Text(node["config"]?["materialized"]) is { Length: > 0 } materialized)
        {
            properties.Add(new CustomProperty("dbt_materialized", materialized));
        }

        if (Text(node["original_file_path"]) is { Length: > 0 } path)
        {
            properties.Add(new CustomProperty("dbt_path", path));
        }

        if (tests is { Count: > 0 })
        {
            properties.Add(new CustomProperty("dbt_tests", string.Join(", ", tests.Order(StringComparer.Ordinal))));
        }

        return new DatasetUpsert
        {
            Name = name.ToString(),
            Platform = platform,
            Kind = Text(node["config"]?["materialized"]) == "view" ? DatasetKind.View : DatasetKind.Table,
            Description = Text(node["description"]) is { Length: > 0 } description ? description : null,
            Columns = columns.Count > 0 ? columns : null,
            Tags = Strings(node["tags"]) is { Count: > 0 } tags ? tags : null,
            Owners = owners.Count > 0 ? owners.Select(owner => new Ownership(owner, OwnerKind.User, OwnershipType.TechnicalOwner)).ToList() : null,
            CustomProperties = properties,
        };
    }

    /// <summary>dbt tests by the node they test (a test depends on the nodes it checks).</summary>
    private static Dictionary<string, List<string>> TestsByNode(JsonObject nodes)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (_, value) in nodes)
        {
            if (value is not JsonObject test || Text(test["resource_type"]) != "test")
            {
                continue;
            }

            var name = Text(test["name"]) ?? "test";
            foreach (var tested in (test["depends_on"]?["nodes"] as JsonArray ?? []).Select(Text).OfType<string>().Distinct())
            {
                if (!result.TryGetValue(tested, out var list))
                {
                    result[tested] = list = [];
                }

                list.Add(name);
            }
        }

        return result;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(Text).OfType<string>().Where(s => s.Length > 0).ToList(),
        JsonValue when Text(node) is { Length: > 0 } single => [single],
        _ => [],
    };
}

/// <summary>What a dbt manifest ingestion did.</summary>
public sealed record DbtIngestionSummary(
    string? Connection,
    int Models,
    int Sources,
    int Seeds,
    int Snapshots,
    int Tests,
    int Datasets,
    int Edges,
    int ColumnEdges,
    IReadOnlyList<string> Warnings,
    int DurationMs);
