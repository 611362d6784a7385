namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// A source of evidence about what a column holds. The scanner asks every registered detector and combines their
/// evidence into one category (<see cref="ColumnClassifier"/>); a team adds a classifier (an ML model, an in-house id
/// format) by registering one more <see cref="IColumnDetector"/>. Implementations are pure and bounded in time by the
/// sample: no I/O, no state kept between columns.
/// </summary>
public interface IColumnDetector
{
    /// <summary>Short stable name, shown as evidence to reviewers.</summary>
    string Name { get; }

    /// <summary>The evidence this detector finds in <paramref name="column"/>; empty when it has nothing to say.</summary>
    IReadOnlyList<DetectorEvidence> Examine(ColumnSample column);
}
