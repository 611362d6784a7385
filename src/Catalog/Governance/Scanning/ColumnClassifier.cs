using System.Collections.Frozen;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// Combines every detector's evidence about a column into one <see cref="ColumnFinding"/>: the category with the highest
/// confidence, the detectors behind it and the share of values they matched.
/// </summary>
/// <remarks>
/// The rules, per category:
/// <list type="bullet">
/// <item>Value evidence counts when its match ratio reaches a floor that depends on its strength and on whether the name
/// or comment hints the same category: strong 0.5 (0.2 hinted), moderate 0.6 (0.3 hinted), weak only hinted at 0.5. A
/// look-alike name (<c>version</c>, <c>sku</c>) silences value evidence except strong evidence of e-mail, card, bank
/// account or secret formats (which nothing else shares) from 90% of the values.</item>
/// <item>Confidence grows with strength, ratio and hints; a name hint alone gives 0.5, a comment alone 0.35.</item>
/// <item>A hint is dropped when the values contradict it: at least <see cref="ContradictionSample"/> values and under 10%
/// of them fit any shape of the hinted category (an <c>email</c> column of integers).</item>
/// </list>
/// A reviewer sees the result as a pending classification and can override it; the scanner proposes, people decide.
/// </remarks>
public sealed class ColumnClassifier
{
    /// <summary>Values needed before they may contradict a name hint.</summary>
    public const int ContradictionSample = 10;

    /// <summary>Categories whose every realistic spelling some value detector recognises, so values can contradict their hints.</summary>
    private static readonly FrozenSet<PiiCategory> Contradictable =
        FrozenSet.Create(PiiCategory.Email, PiiCategory.IpAddress, PiiCategory.PaymentCard, PiiCategory.DateOfBirth,
            PiiCategory.PersonName, PiiCategory.Phone, PiiCategory.GeoLocation);

    /// <summary>Categories whose validated formats nothing else shares: still found under a look-alike name, given near-unanimous values.</summary>
    private static readonly FrozenSet<PiiCategory> Unmistakable =
        FrozenSet.Create(PiiCategory.Email, PiiCategory.PaymentCard, PiiCategory.BankAccount, PiiCategory.Secret);

    private readonly IReadOnlyList<IColumnDetector> _detectors;

    public ColumnClassifier(IEnumerable<IColumnDetector> detectors)
    {
        _detectors = detectors.ToList();
        if (_detectors.Count == 0)
        {
            throw new ArgumentException("A column classifier needs at least one detector.", nameof(detectors));
        }
    }

    /// <summary>The detectors asked, in order.</summary>
    public IReadOnlyList<IColumnDetector> Detectors => _detectors;

    /// <summary>Classifies one column from its sample.</summary>
    public ColumnFinding Classify(ColumnSample column)
    {
        var evidence = new List<DetectorEvidence>();
        foreach (var detector in _detectors)
        {
            evidence.AddRange(detector.Examine(column));
        }

        return Combine(column, evidence);
    }

    /// <summary>The finding the evidence supports (exposed so the rules can be tested on hand-made evidence).</summary>
    public static ColumnFinding Combine(ColumnSample column, IReadOnlyList<DetectorEvidence> evidence)
    {
        var lookAlike = evidence.Any(e => e.Kind == EvidenceKind.LookAlike);
        var present = column.Present.Count;
        ColumnFinding? best = null;
        foreach (var group in evidence.Where(e => e.Category != PiiCategory.None).GroupBy(e => e.Category))
        {
            var candidate = Score(column.Name, group.Key, group.ToList(), lookAlike, present);
            if (candidate is not null && (best is null || candidate.Confidence > best.Confidence))
            {
                best = candidate;
            }
        }

        return best ?? Nothing(column.Name, present, evidence);
    }

    private static ColumnFinding? Score(string column, PiiCategory category, List<DetectorEvidence> evidence, bool lookAlike, int present)
    {
        var named = evidence.FirstOrDefault(e => e.Kind == EvidenceKind.Name);
        var commented = evidence.FirstOrDefault(e => e.Kind == EvidenceKind.Comment);
        var values = evidence.Where(e => e.Kind == EvidenceKind.Values).ToList();
        var hinted = named is not null || commented is not null;
        if (hinted && Contradictable.Contains(category) && present >= ContradictionSample && values.All(v => v.MatchRatio < 0.1))
        {
            named = commented = null;
            hinted = false;
        }

        var counted = values.Where(v => Counts(category, v, hinted, lookAlike)).ToList();
        double confidence;
        if (counted.Count > 0)
        {
            var top = counted.MaxBy(v => Base(v.Strength) + 0.3 * v.MatchRatio)!;
            confidence = Base(top.Strength) + 0.3 * top.MatchRatio
                + (named is null ? 0 : named.Strength == EvidenceStrength.Weak ? 0.05 : 0.1)
                + (commented is null ? 0 : 0.05)
                + (counted.Count > 1 ? 0.03 : 0);
        }
        else if (named is not null)
        {
            confidence = named.Strength == EvidenceStrength.Weak ? 0.4 : 0.5;
        }
        else if (commented is not null)
        {
            confidence = 0.35;
        }
        else
        {
            return null;
        }

        var detectors = counted.OrderByDescending(v => v.MatchRatio).Select(v => v.Detector).ToList();
        if (named is not null)
        {
            detectors.Add(named.Detector);
        }

        if (commented is not null)
        {
            detectors.Add(commented.Detector);
        }

        var ratio = counted.Count > 0 ? counted.Max(v => v.MatchRatio) : 0;
        return new ColumnFinding(column, category, Math.Round(Math.Min(confidence, 0.99), 3), detectors, Math.Round(ratio, 4));
    }

    private static bool Counts(PiiCategory category, DetectorEvidence value, bool hinted, bool lookAlike)
    {
        if (lookAlike && !hinted)
        {
            // app_version "10.0.1.4" is an IPv4 address by shape and a version by name: the name wins.
            return Unmistakable.Contains(category) && value.Strength == EvidenceStrength.Strong && value.MatchRatio >= 0.9;
        }

        return value.Strength switch
        {
            EvidenceStrength.Strong => value.MatchRatio >= (hinted ? 0.2 : 0.5),
            EvidenceStrength.Moderate => value.MatchRatio >= (hinted ? 0.3 : 0.6),
            _ => hinted && value.MatchRatio >= 0.5,
        };
    }

    private static double Base(EvidenceStrength strength) => strength switch
    {
        EvidenceStrength.Strong => 0.65,
        EvidenceStrength.Moderate => 0.5,
        _ => 0.4,
    };

    /// <summary>"Looked and found nothing": surer the more values were seen.</summary>
    private static ColumnFinding Nothing(string column, int present, IReadOnlyList<DetectorEvidence> evidence)
    {
        var detectors = evidence.Where(e => e.Kind == EvidenceKind.LookAlike).Select(e => e.Detector).ToList();
        var confidence = present == 0 ? 0.2 : Math.Min(0.9, 0.5 + present / 250.0);
        return new ColumnFinding(column, PiiCategory.None, Math.Round(confidence, 3), detectors, 0);
    }
}
