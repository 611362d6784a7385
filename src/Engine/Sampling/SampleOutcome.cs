using TownLake.Engine.Execution;

namespace TownLake.Engine.Sampling;

/// <summary>One table of a batch: its sample, or why it could not be read (one table failing never stops the others).</summary>
public sealed record SampleOutcome(SampleRequest Request, TableSample? Sample, QueryException? Error);
