using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Engine.Connectors;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// Maps OpenLineage dataset names (namespace + name) onto catalog dataset names, and back. The rule is written up in
/// <c>docs/lineage.md</c>: a configured connection wins; a path becomes namespace / directory / file; a name with three
/// or more dot-separated parts keeps its last three; shorter names go under a catalog named after the namespace.
/// </summary>
public sealed class OpenLineageNaming(IOptions<LineageOptions> options, ConnectionRegistry connections)
{
    private readonly Lazy<IReadOnlyList<NamespaceMapping>> _mappings = new(() => [.. options.Value.Namespaces, .. FromConnections(connections)]);

    /// <summary>The schema given to one-part names, as Spark and Hive do.</summary>
    public const string DefaultSchema = "default";

    private static readonly HashSet<string> KnownPlatforms = new(StringComparer.Ordinal)
    {
        "postgres", "mysql", "mariadb", "sqlserver", "oracle", "db2", "bigquery", "snowflake", "redshift", "databricks", "hive",
        "trino", "presto", "duckdb", "sqlite", "file", "s3", "gcs", "hdfs", "azure", "kafka", "kinesis", "mongodb", "cassandra",
        "teradata", "clickhouse", "athena", "glue", "iceberg", "delta", "dbfs", "spark", "bigtable", "pubsub", "elasticsearch",
        "vertica", "synapse", "dbt",
    };

    /// <summary>The catalog dataset an OpenLineage dataset name maps to (before any recorded alias is considered).</summary>
    public DatasetName ToDatasetName(string @namespace, string name)
    {
        var ns = @namespace.Trim();
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            throw CatalogException.BadInput("An OpenLineage dataset name must not be empty.");
        }

        var parts = IsPath(trimmed) ? [] : SplitName(trimmed);
        foreach (var mapping in _mappings.Value)
        {
            if (!SameNamespace(mapping.Namespace, ns) || string.IsNullOrWhiteSpace(mapping.Connection))
            {
                continue;
            }

            if (mapping.Database is { Length: > 0 } database)
            {
                if (parts.Count >= 3 && string.Equals(parts[^3], database, StringComparison.OrdinalIgnoreCase))
                {
                    return new DatasetName(mapping.Connection, parts[^2], parts[^1]);
                }

                continue;
            }

            return parts.Count switch
            {
                0 => PathName(mapping.Connection, trimmed),
                1 => new DatasetName(mapping.Connection, DefaultSchema, parts[0]),
                _ => new DatasetName(mapping.Connection, parts[^2], parts[^1]),
            };
        }

        return parts.Count switch
        {
            0 => PathName(CatalogOf(ns), trimmed),
            1 => new DatasetName(CatalogOf(ns), DefaultSchema, parts[0]),
            2 => new DatasetName(CatalogOf(ns), parts[0], parts[1]),
            _ => new DatasetName(parts[^3], parts[^2], parts[^1]),
        };
    }

    /// <summary>
    /// The namespace OpenLineage's naming spec gives each configured PostgreSQL connection (<c>postgres://host:port</c>
    /// with its database), so events about its tables land on the datasets the connector ingests.
    /// </summary>
    public static IEnumerable<NamespaceMapping> FromConnections(ConnectionRegistry connections)
    {
        foreach (var connection in connections.All.Where(c => c.Type == ConnectionType.Postgres && c.Settings.ConnectionString is not null))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(connection.Settings.ConnectionString);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (builder.Host is { Length: > 0 } host && !host.Contains(',') && !host.StartsWith('/'))
            {
                yield return new NamespaceMapping { Namespace = $"postgres://{host}:{builder.Port}", Database = builder.Database, Connection = connection.Name };
            }
        }
    }

    /// <summary>The platform a namespace's scheme names (<c>postgres://h:5432</c> → postgres), or <c>openlineage</c>.</summary>
    public static string PlatformOf(string @namespace)
    {
        var ns = @namespace.Trim().ToLowerInvariant();
        var colon = ns.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon >= 0 ? ns[..colon] : ns;
        scheme = scheme switch
        {
            "postgresql" => "postgres",
            "s3a" or "s3n" => "s3",
            "gs" => "gcs",
            "abfs" or "abfss" or "wasb" or "wasbs" => "azure",
            "mssql" => "sqlserver",
            "awsathena" => "athena",
            _ => scheme,
        };
        return KnownPlatforms.Contains(scheme) ? scheme : "openlineage";
    }

    /// <summary>
    /// The OpenLineage name of a catalog dataset that has no recorded alias: namespace <c>&lt;platform&gt;://&lt;catalog&gt;</c>,
    /// name <c>catalog.schema.table</c> — which <see cref="ToDatasetName"/> maps straight back.
    /// </summary>
    public static (string Namespace, string Name) DefaultIdentity(Dataset dataset) =>
        ($"{dataset.Platform}://{dataset.Catalog}", dataset.DatasetName.ToString());

    /// <summary>Splits a dotted name, keeping double-quoted parts whole (quotes removed, doubled quotes undone).</summary>
    public static List<string> SplitName(string name)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < name.Length && name[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '`')
            {
                quoted = c == '"';
                if (c == '`')
                {
                    var end = name.IndexOf('`', i + 1);
                    current.Append(end < 0 ? name[(i + 1)..] : name[(i + 1)..end]);
                    i = end < 0 ? name.Length : end;
                }
            }
            else if (c == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        // Empty parts (a leading dot, "a..b") carry no meaning; drop them rather than fail.
        parts.RemoveAll(p => p.Length == 0);
        return parts;
    }

    private static bool IsPath(string name) => name.Contains('/') || name.Contains('\\');

    private static DatasetName PathName(string catalog, string path)
    {
        var clean = path.Replace('\\', '/').TrimEnd('/');
        var slash = clean.LastIndexOf('/');
        var directory = slash <= 0 ? "/" : clean[..slash];
        var file = slash < 0 ? clean : clean[(slash + 1)..];
        return new DatasetName(catalog, directory, file.Length == 0 ? "/" : file);
    }

    private static string CatalogOf(string @namespace) => @namespace.Length == 0 ? DefaultSchema : @namespace.TrimEnd('/');

    private static bool SameNamespace(string configured, string actual) =>
        string.Equals(configured.Trim().TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
