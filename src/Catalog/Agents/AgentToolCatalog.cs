using TownLake.Catalog.Agents.CodeMode;
using TownLake.Catalog.Agents.Memory;
using TownLake.Catalog.Agents.Tools;

namespace TownLake.Catalog.Agents;

/// <summary>Every agent tool, in the order a model should learn them: find, understand, query, remember; then Code Mode.</summary>
public sealed class AgentToolCatalog
{
    public AgentToolCatalog(CatalogTools catalogTools, QueryTools queryTools, MemoryTools memoryTools, CodeModeTools codeModeTools)
    {
        Tools = [.. catalogTools.All, .. queryTools.All, .. memoryTools.All, .. codeModeTools.All];
    }

    public IReadOnlyList<AgentTool> Tools { get; }

    public AgentTool? Find(string? name) => Tools.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
