namespace TownLake.Catalog.Identity;

/// <summary>One entity to save in a batch: its URN and how to change it.</summary>
public sealed record EntityChange<T>(string Urn, Func<T?, T> Change) where T : class, ICatalogEntity;
