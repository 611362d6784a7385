namespace TownLake.Engine.Sampling;

/// <summary>
/// Values read from one table, by column, for in-memory classification only: callers drop it once classified.
/// </summary>
/// <param name="Columns">Every result column in order, each with one value per sampled row.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="StoppedAtByteBudget">True when reading stopped early because the sample reached its byte budget.</param>
public sealed record TableSample(IReadOnlyList<SampledColumn> Columns, int Rows, bool StoppedAtByteBudget);
