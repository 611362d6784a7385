using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>
/// A Marquez graph node id: <c>dataset:&lt;namespace&gt;:&lt;name&gt;</c>, <c>job:&lt;namespace&gt;:&lt;name&gt;</c> or
/// <c>datasetField:&lt;namespace&gt;:&lt;name&gt;:&lt;field&gt;</c>. Namespaces hold colons (<c>postgres://h:5432</c>), so a
/// value may split several ways; <see cref="Candidates"/> lists them, Marquez's own split first.
/// </summary>
public sealed record MarquezNodeId(string Kind, string Value)
{
    public const string Dataset = "dataset";
    public const string Job = "job";
    public const string DatasetField = "datasetField";

    public static MarquezNodeId Parse(string? nodeId)
    {
        if (string.IsNullOrWhiteSpace(nodeId))
        {
            throw CatalogException.BadInput("nodeId is required, e.g. dataset:<namespace>:<name>, job:<namespace>:<name> or datasetField:<namespace>:<name>:<field>.");
        }

        var colon = nodeId.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? nodeId : nodeId[..colon];
        if (kind is not (Dataset or Job or DatasetField) || colon == nodeId.Length - 1)
        {
            throw CatalogException.BadInput($"nodeId {InputEcho.Quote(nodeId)} must start with 'dataset:', 'job:' or 'datasetField:' and name a node.");
        }

        var id = new MarquezNodeId(kind, nodeId[(colon + 1)..]);
        if (!id.Candidates().Any())
        {
            throw CatalogException.BadInput($"nodeId {InputEcho.Quote(nodeId)} must name a namespace and a name ({kind}:<namespace>:<name>{(kind == DatasetField ? ":<field>" : "")}).");
        }

        return id;
    }

    /// <summary>The (namespace, name, field) splits of the value; field is null for datasets and jobs.</summary>
    public IEnumerable<(string Namespace, string Name, string? Field)> Candidates()
    {
        for (var i = Value.IndexOf(':', StringComparison.Ordinal); i > 0; i = Value.IndexOf(':', i + 1))
        {
            // Like Marquez, a colon followed by "//" or a digit belongs to a URI (scheme://, host:port).
            var rest = Value[(i + 1)..];
            if (rest.Length == 0 || rest.StartsWith("//", StringComparison.Ordinal) || char.IsDigit(rest[0]))
            {
                continue;
            }

            var ns = Value[..i];
            if (Kind != DatasetField)
            {
                yield return (ns, rest, null);
                continue;
            }

            var last = rest.LastIndexOf(':');
            if (last > 0 && last < rest.Length - 1)
            {
                yield return (ns, rest[..last], rest[(last + 1)..]);
            }
        }
    }

    public static string Of(string kind, string @namespace, string name) => $"{kind}:{@namespace}:{name}";

    public static string OfField(string @namespace, string name, string field) => $"{DatasetField}:{@namespace}:{name}:{field}";
}
