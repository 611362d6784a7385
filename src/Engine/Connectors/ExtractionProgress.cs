namespace TownLake.Engine.Connectors;

/// <summary>Progress of an extraction, for a progress bar: <see cref="Completed"/> of <see cref="Total"/> steps in <see cref="Stage"/>.</summary>
/// <param name="Stage">What is being read now (e.g. <c>columns</c>, <c>files</c>).</param>
/// <param name="Completed">Steps done.</param>
/// <param name="Total">Steps overall; null while unknown.</param>
public sealed record ExtractionProgress(string Stage, int Completed, int? Total);
