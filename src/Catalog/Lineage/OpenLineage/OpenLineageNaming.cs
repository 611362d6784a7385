using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Engine.Connectors;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// Maps OpenLineage dataset names (namespace + name) onto catalog dataset names, and back. The rule is written up in
/// <c>docs/lineage.md</c>: a configured connection wins; a path (partition folders folded) becomes namespace / directory
/// / file; otherwise the namespace is part of the catalog name (<c>postgres://h:5432</c> + <c>shop.public.orders</c> →
/// <c>"postgres://h:5432/shop".public.orders</c>), so two servers never share a dataset.
/// </summary>
public sealed partial class OpenLineageNaming(IOptions<LineageOptions> options, ConnectionRegistry connections)
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

    /// <summary>The connection setting listing the OpenLineage namespaces whose datasets belong to the connection (comma-separated).</summary>
    public const string NamespacesKey = "Namespaces";

    /// <summary>
    /// The catalog dataset an OpenLineage dataset name maps to (before any recorded alias is considered). A namespace
    /// configured for a connection puts the dataset under that connection; any other namespace becomes part of the
    /// catalog name, so the same <c>db.schema.table</c> on two servers is two datasets.
    /// </summary>
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

        if (parts.Count == 3 && DefaultCatalog(ns) is { } own && own == parts[0])
        {
            // How TownLake shows its own datasets to Marquez clients (see DefaultIdentity): maps straight back.
            return new DatasetName(parts[0], parts[1], parts[2]);
        }

        var catalog = CatalogOf(ns);
        return parts.Count switch
        {
            0 => PathName(catalog, trimmed),
            1 => new DatasetName(catalog, DefaultSchema, parts[0]),
            2 => new DatasetName(catalog, parts[0], parts[1]),
            // database.schema.table (and SQL Server's server.database.schema.table): the parts before the schema name
            // the database within the namespace's server, so they join the namespace in the catalog name.
            _ => new DatasetName($"{catalog}/{string.Join('.', parts[..^2])}", parts[^2], parts[^1]),
        };
    }

    /// <summary>
    /// The namespaces that lead to the catalog's connections: the namespaces listed in its <c>Namespaces</c> setting, and for
    /// PostgreSQL the <c>postgres://host:port</c> OpenLineage's naming spec gives its connection string. A connection
    /// that names its database (PostgreSQL's, Trino's catalog) takes only names within that database.
    /// </summary>
    public static IEnumerable<NamespaceMapping> FromConnections(ConnectionRegistry connections)
    {
        foreach (var connection in connections.All)
        {
            var database = Database(connection);
            foreach (var listed in (connection.Settings.Option(NamespacesKey) ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return new NamespaceMapping { Namespace = listed, Database = database, Connection = connection.Name };
            }

            if (connection.Type == ConnectionType.Postgres && PostgresNamespace(connection) is { } postgres)
            {
                yield return new NamespaceMapping { Namespace = postgres, Database = database, Connection = connection.Name };
            }
        }
    }

    private static string? Database(ConfiguredConnection connection)
    {
        if (connection.Type == ConnectionType.Postgres && connection.Settings.ConnectionString is { } text)
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(text).Database;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        return connection.Type == ConnectionType.Trino ? connection.Settings.Option("Catalog") : null;
    }

    private static string? PostgresNamespace(ConfiguredConnection connection)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connection.Settings.ConnectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return builder.Host is { Length: > 0 } host && !host.Contains(',') && !host.StartsWith('/') ? $"postgres://{host}:{builder.Port}" : null;
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

    /// <summary>The catalog of a <see cref="DefaultIdentity"/> namespace (<c>duckdb://demo</c> → demo), or null.</summary>
    private static string? DefaultCatalog(string @namespace)
    {
        var separator = @namespace.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return null;
        }

        var rest = @namespace[(separator + 3)..];
        return CatalogNamePattern().IsMatch(rest) ? rest : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex CatalogNamePattern();

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
        var clean = FoldPartitions(path.Replace('\\', '/').TrimEnd('/'));
        var slash = clean.LastIndexOf('/');
        var directory = slash <= 0 ? "/" : clean[..slash];
        var file = slash < 0 ? clean : clean[(slash + 1)..];
        return new DatasetName(catalog, directory, file.Length == 0 ? "/" : file);
    }

    /// <summary>
    /// Drops the partition folders at the end of a path (<c>events/2025/01/15</c>, <c>events/dt=2025-01-15/hour=03</c>
    /// → <c>events</c>): every partition of a table is the one dataset.
    /// </summary>
    public static string FoldPartitions(string path)
    {
        var segments = path.Split('/');
        var keep = segments.Length;
        while (keep > 1 && IsPartition(segments[keep - 1]))
        {
            keep--;
        }

        // A bare number is only a partition when a year-like folder starts the run (events/2025/01/15), so a table
        // folder that happens to be numeric elsewhere is kept.
        var folded = segments[keep..];
        if (folded.Length > 0 && folded.All(s => s.Contains('=') || DatePartition().IsMatch(s)) || folded.Length > 0 && YearFolder().IsMatch(folded[0]))
        {
            return string.Join('/', segments[..keep]);
        }

        return path;
    }

    private static bool IsPartition(string segment) => HivePartition().IsMatch(segment) || DatePartition().IsMatch(segment) || NumberFolder().IsMatch(segment);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=[^=/]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HivePartition();

    [GeneratedRegex(@"^\d{4}-\d{2}(-\d{2}([T ]\d{2}(:?\d{2}){0,2})?)?$|^\d{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePartition();

    [GeneratedRegex(@"^\d{1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberFolder();

    [GeneratedRegex(@"^(19|20)\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex YearFolder();

    private static string CatalogOf(string @namespace) => @namespace.Length == 0 ? DefaultSchema : @namespace.TrimEnd('/');

    private static bool SameNamespace(string configured, string actual) =>
        string.Equals(configured.Trim().TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
