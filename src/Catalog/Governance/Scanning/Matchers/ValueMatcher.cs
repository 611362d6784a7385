namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Recognises single values of one category: a pattern plus its validator (a check digit, a prefix list, a range).
/// <see cref="Detectors.ValuePatternDetector"/> runs every matcher over a column and reports the share each matched.
/// Matchers must be cheap on values they reject (most values are rejected by most matchers) and never throw.
/// </summary>
public abstract class ValueMatcher
{
    /// <summary>Stable name reported as evidence (<c>luhn-card</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The category a match points at.</summary>
    public abstract PiiCategory Category { get; }

    /// <summary>How much a column of matching values proves without a hint.</summary>
    public abstract EvidenceStrength Strength { get; }

    /// <summary>True when <paramref name="value"/> (trimmed) is a value of the category.</summary>
    public abstract bool Matches(ReadOnlySpan<char> value, in ValueShape shape);
}
