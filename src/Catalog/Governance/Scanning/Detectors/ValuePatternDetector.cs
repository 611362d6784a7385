using TownLake.Catalog.Governance.Scanning.Matchers;

namespace TownLake.Catalog.Governance.Scanning.Detectors;

/// <summary>
/// Runs every value matcher over a column's sampled values and reports, per matcher that matched anything, the share
/// of non-null values it matched. A matcher that can no longer reach <see cref="MinUsefulRatio"/> is dropped for the
/// rest of the column, which keeps a wide scan fast without changing any result that could matter.
/// </summary>
public sealed class ValuePatternDetector : IColumnDetector
{
    /// <summary>Below this share no value evidence counts, hinted or not (see <see cref="ColumnClassifier"/>); used to stop early.</summary>
    public const double MinUsefulRatio = 0.1;

    /// <summary>A weak shape must fit this share of values to be corroborated…</summary>
    private const double CorroboratedShapeRatio = 0.8;

    /// <summary>…and a stronger matcher of the same category must confirm this share.</summary>
    private const double CorroborationRatio = 0.3;

    private readonly ValueMatcher[] _matchers;

    public ValuePatternDetector(IEnumerable<ValueMatcher> matchers)
    {
        _matchers = matchers.ToArray();
        if (_matchers.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != _matchers.Length)
        {
            throw new ArgumentException("Two value matchers share a name; evidence would be ambiguous.", nameof(matchers));
        }
    }

    /// <summary>The matchers shipped with the catalog, with the embedded name dictionary.</summary>
    public static ValuePatternDetector CreateDefault(PersonNameDictionary names) => new(
    [
        new EmailMatcher(), new E164PhoneMatcher(), new NationalPhoneMatcher(), new DigitRunPhoneMatcher(),
        new PaymentCardMatcher(), new IbanMatcher(), new AbaRoutingMatcher(), new IpAddressMatcher(),
        new SecretTokenMatcher(), new HighEntropyMatcher(),
        new UsSsnMatcher(), new UsSsnDigitsMatcher(), new UkNinoMatcher(), new CanadianSinMatcher(), new SpanishDniMatcher(),
        new GeoPairMatcher(), new StreetAddressMatcher(), new PostcodeMatcher(), new ZipCodeMatcher(),
        new FullNameMatcher(names), new SingleNameMatcher(names), new NameShapeMatcher(),
    ]);

    public string Name => "value-patterns";

    /// <summary>The matchers, in evaluation order.</summary>
    public IReadOnlyList<ValueMatcher> Matchers => _matchers;

    public IReadOnlyList<DetectorEvidence> Examine(ColumnSample column)
    {
        var values = column.Present;
        var total = values.Count;
        if (total == 0)
        {
            return [];
        }

        var hits = new int[_matchers.Length];
        // Values matched by any moderate-or-strong matcher of a category: a column may mix formats of one category.
        var categories = Enum.GetValues<PiiCategory>().Length;
        var union = new int[categories];
        var matchedCategory = new bool[categories];
        var active = new bool[_matchers.Length];
        Array.Fill(active, true);
        var remaining = _matchers.Length;
        // A matcher with fewer hits than this after value i cannot reach MinUsefulRatio any more.
        var needed = (int)Math.Ceiling(MinUsefulRatio * total);
        for (var i = 0; i < total && remaining > 0; i++)
        {
            var value = values[i].AsSpan().Trim();
            var shape = ValueShape.Of(value);
            var left = total - i;
            Array.Clear(matchedCategory);
            for (var m = 0; m < _matchers.Length; m++)
            {
                if (!active[m])
                {
                    continue;
                }

                if (hits[m] + left < needed)
                {
                    active[m] = false;
                    remaining--;
                    continue;
                }

                if (_matchers[m].Matches(value, shape))
                {
                    hits[m]++;
                    if (_matchers[m].Strength != EvidenceStrength.Weak)
                    {
                        matchedCategory[(int)_matchers[m].Category] = true;
                    }
                }
            }

            for (var c = 0; c < categories; c++)
            {
                union[c] += matchedCategory[c] ? 1 : 0;
            }
        }

        var evidence = new List<DetectorEvidence>();
        for (var m = 0; m < _matchers.Length; m++)
        {
            if (hits[m] > 0)
            {
                evidence.Add(new DetectorEvidence(_matchers[m].Category, _matchers[m].Name, EvidenceKind.Values, (double)hits[m] / total, _matchers[m].Strength));
            }
        }

        evidence.AddRange(Combined(evidence, union, total));
        return evidence;
    }

    /// <summary>
    /// Evidence no single matcher gives: a column mixing formats of one category (SSNs, NINOs and DNIs in one
    /// <c>national_id</c>) counts by the share of values any of its matchers took; and a weak shape that nearly every value
    /// has (capitalised words) becomes moderate when a stronger matcher of the category confirms a good share of it (the
    /// name dictionary knows a third of the names), because no dictionary covers every name.
    /// </summary>
    private static IEnumerable<DetectorEvidence> Combined(List<DetectorEvidence> evidence, int[] union, int total)
    {
        foreach (var group in evidence.GroupBy(e => e.Category))
        {
            var stronger = group.Where(e => e.Strength != EvidenceStrength.Weak).ToList();
            var unionRatio = (double)union[(int)group.Key] / total;
            if (stronger.Count >= 2 && unionRatio > stronger.Max(e => e.MatchRatio))
            {
                var strength = stronger.All(e => e.Strength == EvidenceStrength.Strong) ? EvidenceStrength.Strong : EvidenceStrength.Moderate;
                yield return new DetectorEvidence(group.Key, string.Join('+', stronger.Select(e => e.Detector)), EvidenceKind.Values, unionRatio, strength);
            }

            foreach (var weak in group.Where(e => e.Strength == EvidenceStrength.Weak && e.MatchRatio >= CorroboratedShapeRatio))
            {
                if (stronger.Count > 0 && unionRatio >= CorroborationRatio)
                {
                    yield return new DetectorEvidence(group.Key, $"{weak.Detector}+{stronger.MaxBy(e => e.MatchRatio)!.Detector}", EvidenceKind.Values, weak.MatchRatio, EvidenceStrength.Moderate);
                }
            }
        }
    }
}
