namespace TownLake.Catalog.Identity;

/// <summary>The stored entity after a save, and the aspects that changed (empty when the save changed nothing).</summary>
public sealed record SaveResult<T>(T Entity, IReadOnlyList<string> ChangedAspects, bool Created) where T : class, ICatalogEntity
{
    public bool Changed => ChangedAspects.Count > 0;
}
