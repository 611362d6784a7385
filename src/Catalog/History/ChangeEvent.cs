namespace TownLake.Catalog.History;

/// <summary>One recorded change of one aspect of an entity: who, when, and the aspect before and after (as JSON).</summary>
public sealed record ChangeEvent(long Id, string Urn, string Aspect, string Actor, DateTimeOffset At, string Summary, string? Before, string? After);
