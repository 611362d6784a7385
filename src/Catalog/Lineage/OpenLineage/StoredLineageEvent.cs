namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// An OpenLineage run event as received: keyed by run id, event type and job, with a hash of its content so a
/// re-sent identical event is recognised and changes nothing.
/// </summary>
public sealed record StoredLineageEvent(string Key, string RunId, string EventType, string JobUrn, DateTimeOffset EventTime, string Hash, string Payload);
