namespace TownLake.Catalog.Agents.Tools;

/// <summary>The catalog-reading tools, in the order an agent uses them.</summary>
public sealed class CatalogTools(SearchDatasetsTool search, EntityDetailsTool details, SchemaFieldsTool fields, LineageTool lineage, DataModelTool dataModel, ProfileColumnTool profileColumn)
{
    public IReadOnlyList<AgentTool> All => [search.Tool, details.Tool, fields.Tool, profileColumn.Tool, lineage.Tool, dataModel.Tool];
}
