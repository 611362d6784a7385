namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>The event's datasets mapped to catalog URNs, with the aliases to record.</summary>
internal sealed class ResolvedDatasets
{
    private readonly Dictionary<(string, string), string> _urns = [];
    private readonly Dictionary<string, string> _platforms = new(StringComparer.Ordinal);

    public List<DatasetAlias> Aliases { get; } = [];

    public List<string> DatasetUrns { get; } = [];

    /// <summary>Datasets named after a location that a <c>TABLE</c> symlink now names: (old, new).</summary>
    public List<(string From, string To)> Renames { get; } = [];

    public bool Contains(string ns, string name) => _urns.ContainsKey((ns, name));

    public void Add(string ns, string name, string urn, string platform, bool primary)
    {
        _urns[(ns, name)] = urn;
        _platforms.TryAdd(urn, platform);
        Aliases.Add(new DatasetAlias(ns, name, urn, primary));
        if (!DatasetUrns.Contains(urn))
        {
            DatasetUrns.Add(urn);
        }
    }

    public string UrnOf(OpenLineageDataset dataset) => _urns[(dataset.Namespace, dataset.Name)];

    public string UrnOf(string ns, string name) => _urns[(ns, name)];

    public string PlatformOf(string urn) => _platforms[urn];
}
