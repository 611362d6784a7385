using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using TownLake.Search.Indexing;

namespace TownLake.Search.Ranking;

/// <summary>
/// Reranks the top hits so the tables a question needs come back together: each schema (catalog.schema)
/// is scored by its best hits, tables gain from joining matched tables (declared foreign keys, or
/// inferred shared key columns), and a table that bridges two matched tables is pulled in even when
/// the text never mentions it.
/// </summary>
internal sealed class JoinAwareReranker(RerankWeights weights, SegmentValues segmentValues)
{
    private const int MaxMembersPerGroup = 100;

    /// <summary>Bridges are looked for between a schema's best matches only; weak matches add little.</summary>
    private const int MatchedTablesPerGroup = 10;

    /// <summary>A key column shared by more tables than this says nothing about which two of them join.</summary>
    private const int MaxTablesPerSharedKey = 30;

    public IReadOnlyList<RankedCandidate> Rerank(IndexSearcher searcher, IReadOnlyList<ScoreDoc> hits, Filter? filter)
    {
        if (hits.Count == 0)
        {
            return [];
        }

        var best = hits.Max(hit => hit.Score);
        var values = new JoinValues(searcher.IndexReader, segmentValues);
        var candidates = new Dictionary<int, Node>();
        foreach (var hit in hits)
        {
            candidates[hit.Doc] = values.Load(hit.Doc, best > 0 ? hit.Score / best : 0);
        }

        var groupStrength = GroupStrengths(candidates.Values);
        var strongest = groupStrength.Count == 0 ? 0 : groupStrength.Values.Max();
        var expanded = groupStrength
            .Where(pair => pair.Value > 0 && pair.Value >= strongest * 0.5)
            .OrderByDescending(pair => pair.Value)
            .Take(weights.GroupsExpanded)
            .Select(pair => pair.Key)
            .ToList();

        foreach (var group in expanded)
        {
            var matched = candidates.Values.Where(node => node.Group == group && node.Relevance > 0)
                .OrderByDescending(node => node.Relevance).Take(MatchedTablesPerGroup);
            var partners = PartnerTerms(group, matched);
            if (partners.Count < 2)
            {
                continue;
            }

            // Only a table linked to two matched tables can bridge them: ask for at least two link terms, best-linked first.
            var members = LinkedMembers.Find(
                searcher.IndexReader,
                KeywordTerms.Term(IndexFields.Group, group),
                partners.Take(BooleanQuery.MaxClauseCount - 1),
                filter,
                MaxMembersPerGroup);
            foreach (var member in members)
            {
                if (!candidates.ContainsKey(member))
                {
                    candidates[member] = values.Load(member, 0);
                }
            }
        }

        foreach (var group in candidates.Values.Where(node => node.IsDataset && node.Group.Length > 0).GroupBy(node => node.Group))
        {
            LinkJoins(group.ToList());
        }

        var ranked = new List<(RankedCandidate Candidate, string Urn)>(candidates.Count);
        foreach (var node in candidates.Values)
        {
            var coherence = node.Group.Length > 0 && strongest > 0 ? groupStrength.GetValueOrDefault(node.Group) / strongest : 0;
            var neighbourScores = node.Neighbours.Select(neighbour => neighbour.Relevance).OrderByDescending(score => score).ToList();
            var neighbour = neighbourScores.Count > 0 ? neighbourScores[0] : 0;
            var bridge = neighbourScores.Count > 1 ? neighbourScores[1] : 0;
            var joinGain = (weights.Bridge * bridge) + (weights.Neighbour * neighbour);
            if (node.Relevance == 0 && bridge == 0)
            {
                // A table the text never mentions only belongs in the results as a bridge between two hits.
                continue;
            }

            var score = node.Relevance + (weights.GroupCoherence * (float)coherence) + (joinGain * (float)coherence);
            var related = node.Neighbours.Where(neighbour => neighbour.Relevance > 0).Select(neighbour => neighbour.Urn).ToList();
            ranked.Add((new RankedCandidate(node.Doc, score * best, related, PulledInByJoin: node.Relevance == 0), node.Urn));
        }

        // Equal scores (the same table in two schemas) are ordered by URN, not by document id, so the order does not
        // depend on the order the documents were indexed in.
        ranked.Sort((left, right) => right.Candidate.Score != left.Candidate.Score
            ? right.Candidate.Score.CompareTo(left.Candidate.Score)
            : string.CompareOrdinal(left.Urn, right.Urn));
        return ranked.Select(entry => entry.Candidate).ToList();
    }

    /// <summary>
    /// Terms that find the tables joining any of <paramref name="matched"/>: tables sharing a key column, tables a
    /// key names, tables whose keys name a matched table, and declared foreign keys in either direction.
    /// Fetching only these (not the whole schema) keeps the rerank cheap in schemas with thousands of tables, and the
    /// terms are scoped to the schema, so their postings hold that schema's tables only.
    /// </summary>
    private static List<Term> PartnerTerms(string group, IEnumerable<Node> matched)
    {
        var terms = new HashSet<Term>();
        foreach (var node in matched)
        {
            foreach (var key in node.Keys)
            {
                terms.Add(KeywordTerms.JoinTerm(group, "k:" + key));
                foreach (var stem in JoinKeys.ReferencedStems(key))
                {
                    terms.Add(KeywordTerms.JoinTerm(group, "t:" + stem));
                }
            }

            foreach (var stem in JoinKeys.ReferenceStems(node.TableKey).Where(stem => stem.Length >= 3))
            {
                foreach (var key in JoinKeys.KeysNaming(stem))
                {
                    terms.Add(KeywordTerms.JoinTerm(group, "k:" + key));
                }
            }

            terms.Add(KeywordTerms.JoinTerm(group, "u:" + node.Urn));
            foreach (var target in node.JoinTargets)
            {
                terms.Add(new Term(IndexFields.Urn, target));
            }
        }

        return [.. terms];
    }

    /// <summary>A schema's strength: its best hit, plus half the second and a quarter of the third.</summary>
    private static Dictionary<string, double> GroupStrengths(IEnumerable<Node> nodes) =>
        nodes.Where(node => node.Group.Length > 0 && node.Relevance > 0)
            .GroupBy(node => node.Group)
            .ToDictionary(
                group => group.Key,
                group => group.Select(node => (double)node.Relevance).OrderByDescending(score => score).Take(3)
                    .Select((score, rank) => score / (1 << rank)).Sum());

    /// <summary>
    /// Links tables of one schema that join: a declared foreign key, a shared key-like column
    /// (<c>singer_id</c> in both), or a key column that names the other table (<c>singer_id</c> → <c>singers</c>).
    /// Lookups by key keep this linear in the number of tables.
    /// </summary>
    private static void LinkJoins(List<Node> members)
    {
        var byUrn = new Dictionary<string, Node>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        var byTableStem = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        foreach (var node in members)
        {
            byUrn.TryAdd(node.Urn, node);
            foreach (var key in node.Keys)
            {
                AddTo(byKey, key, node);
            }

            foreach (var stem in JoinKeys.ReferenceStems(node.TableKey).Where(stem => stem.Length >= 3).Distinct(StringComparer.Ordinal))
            {
                AddTo(byTableStem, stem, node);
            }
        }

        foreach (var node in members)
        {
            foreach (var target in node.JoinTargets)
            {
                if (byUrn.TryGetValue(target, out var other))
                {
                    Connect(node, other);
                }
            }

            foreach (var key in node.Keys)
            {
                foreach (var stem in JoinKeys.ReferencedStems(key))
                {
                    if (byTableStem.TryGetValue(stem, out var referenced))
                    {
                        referenced.ForEach(other => Connect(node, other));
                    }
                }
            }
        }

        foreach (var sharing in byKey.Values.Where(nodes => nodes.Count is > 1 and <= MaxTablesPerSharedKey))
        {
            for (var i = 0; i < sharing.Count; i++)
            {
                for (var j = i + 1; j < sharing.Count; j++)
                {
                    Connect(sharing[i], sharing[j]);
                }
            }
        }
    }

    private static void AddTo(Dictionary<string, List<Node>> index, string key, Node node)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(node);
    }

    private static void Connect(Node left, Node right)
    {
        if (left != right)
        {
            left.Neighbours.Add(right);
            right.Neighbours.Add(left);
        }
    }

    /// <summary>Reads the join facts of any document from the per-segment cache (<see cref="SegmentValues"/>).</summary>
    private sealed class JoinValues(IndexReader reader, SegmentValues segmentValues)
    {
        private readonly IList<AtomicReaderContext> _leaves = reader.Leaves;

        public Node Load(int doc, float relevance)
        {
            var leaf = _leaves[ReaderUtil.SubIndex(doc, _leaves)];
            return new Node(doc, relevance, segmentValues.For(leaf.AtomicReader).JoinFactsOf(doc - leaf.DocBase));
        }
    }

    /// <summary>A candidate table in the join graph (a class: nodes are compared by identity).</summary>
    private sealed class Node(int doc, float relevance, JoinFacts facts)
    {
        public int Doc { get; } = doc;

        public float Relevance { get; } = relevance;

        public string Urn => facts.Urn;

        public string Group => facts.Group;

        public bool IsDataset => facts.IsDataset;

        public string TableKey => facts.TableKey;

        public string[] Keys => facts.Keys;

        public string[] JoinTargets => facts.JoinTargets;

        public HashSet<Node> Neighbours { get; } = [];
    }
}

/// <summary>A hit after reranking, with the matched tables it joins.</summary>
internal sealed record RankedCandidate(int Doc, float Score, IReadOnlyList<string> RelatedUrns, bool PulledInByJoin);
