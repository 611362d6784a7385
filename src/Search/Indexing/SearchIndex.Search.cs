using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using TownLake.Search.Documents;
using TownLake.Search.Retrieval;
using TownLake.Search.Ranking;

namespace TownLake.Search.Indexing;

public sealed partial class SearchIndex
{
    private const int MaxLimit = 1000;

    /// <summary>Number of documents currently searchable.</summary>
    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Runs a search: ranked page of hits, total count, facet counts and why each hit matched.</summary>
    public SearchResults Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfDisposed();
        if (request.Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"Limit must be between 1 and {MaxLimit}; got {request.Limit}.", nameof(request));
        }

        var offset = request.Cursor is null ? request.Offset : PageCursor.Decode(request.Cursor);
        if (offset < 0)
        {
            throw new ArgumentException($"Offset must not be negative; got {offset}.", nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var searcher = _searchers.Acquire();
        try
        {
            var parsed = _queryBuilder.Build(request.Query ?? "", _glossary, searcher.IndexReader);
            var filter = _filters.For(Scoped(request.Filters, request.EntityTypes));
            var window = Math.Max(_options.RerankWindow, offset + request.Limit);
            TopDocs topDocs;
            long matched;
            FacetCollector? facets = null;
            var estimated = false;
            if (parsed.RequiredWords is { } words)
            {
                var matches = CommonWordMatches(searcher, words, filter);
                topDocs = CommonWordTop(searcher, parsed.Query, matches, window);
                matched = matches.Sum(segment => segment.Matches.Cardinality);
                if (request.IncludeFacets)
                {
                    (facets, estimated) = CountFacets(matches);
                }
            }
            else
            {
                var top = TopScoreDocCollector.Create(window, docsScoredInOrder: false);
                facets = request.IncludeFacets ? new FacetCollector(_segmentValues) : null;
                var boosted = new SignalBoostCollector(top, _segmentValues);
                SearchFiltered(searcher, parsed.Query, filter, facets is null ? boosted : MultiCollector.Wrap(boosted, facets));
                topDocs = top.GetTopDocs();
                matched = topDocs.TotalHits;
            }

            cancellationToken.ThrowIfCancellationRequested();

            var ranked = Rank(searcher, topDocs, parsed, filter, request.JoinAware);
            var total = matched + ranked.Count(candidate => candidate.PulledInByJoin);
            var hits = ranked.Skip(offset).Take(request.Limit)
                .Select(candidate => ToHit(searcher, candidate, parsed, request.Explain))
                .ToList();
            var next = offset + request.Limit < total ? PageCursor.Encode(offset + request.Limit) : null;
            if (facets is not null)
            {
                // Results the join-aware rerank pulled in count in the total, so they count in the facets too: the
                // facet counts of one field then add up to the total.
                var leaves = searcher.IndexReader.Leaves;
                foreach (var candidate in ranked.Where(c => c.PulledInByJoin))
                {
                    var leaf = leaves[ReaderUtil.SubIndex(candidate.Doc, leaves)];
                    facets.SetNextReader(leaf);
                    facets.Collect(candidate.Doc - leaf.DocBase);
                }
            }

            var facetCounts = facets?.Result(_options.MaxFacetValues) ?? new Dictionary<SearchFacet, IReadOnlyList<FacetCount>>();
            if (facets is not null)
            {
                (facetCounts, var othersEstimated) = WithOtherValuesOfFilteredFacets(searcher, parsed, request.Filters, request.EntityTypes, ranked, facetCounts);
                estimated |= othersEstimated;
            }

            var didYouMean = offset == 0 ? _spelling.Suggest(request.Query ?? "", searcher.IndexReader) : null;
            return new SearchResults(total, hits, facetCounts, next, didYouMean, estimated);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Names starting with <paramref name="prefix"/> (full name or table name), best signals first.</summary>
    public IReadOnlyList<AutocompleteSuggestion> Autocomplete(
        string prefix,
        int limit = 10,
        IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>>? filters = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ThrowIfDisposed();
        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"Limit must be between 1 and {MaxLimit}; got {limit}.", nameof(limit));
        }

        var normalized = prefix.Trim().ToLowerInvariant();
        if (normalized.Length == 0)
        {
            return [];
        }

        var searcher = _searchers.Acquire();
        try
        {
            var query = new SignalBoostQuery(AutocompleteQuery.For(normalized), _segmentValues);
            var top = searcher.Search(query, _filters.For(filters), Math.Min(MaxLimit, limit * 5));
            return top.ScoreDocs
                .Select(hit => (hit.Score, Document: LoadDocument(searcher, hit.Doc)))
                .OrderByDescending(hit => hit.Score)
                .ThenBy(hit => hit.Document.Name.Length)
                .ThenBy(hit => hit.Document.Name, StringComparer.Ordinal)
                .Take(limit)
                .Select(hit => new AutocompleteSuggestion(hit.Document.Urn, hit.Document.Name, hit.Document.EntityType))
                .ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private List<RankedCandidate> Rank(IndexSearcher searcher, TopDocs topDocs, ParsedQuery parsed, Filter? filter, bool joinAware)
    {
        if (!joinAware || parsed.IsEmpty)
        {
            return topDocs.ScoreDocs.Select(hit => new RankedCandidate(hit.Doc, hit.Score, [], PulledInByJoin: false)).ToList();
        }

        var head = topDocs.ScoreDocs.Take(_options.RerankWindow).ToList();
        var ranked = _reranker.Rerank(searcher, head, filter).ToList();
        ranked.AddRange(topDocs.ScoreDocs.Skip(_options.RerankWindow).Select(hit => new RankedCandidate(hit.Doc, hit.Score, [], PulledInByJoin: false)));
        return ranked;
    }

    private SearchHit ToHit(IndexSearcher searcher, RankedCandidate candidate, ParsedQuery parsed, bool explain)
    {
        var document = LoadDocument(searcher, candidate.Doc);
        var matched = explain ? new MatchExplainer(_indexAnalyzer).Explain(document, parsed.Terms).ToList() : [];
        if (explain && candidate.PulledInByJoin)
        {
            matched.Add(new MatchedField("join", document.Name, $"joins {string.Join(" and ", candidate.RelatedUrns)}"));
        }

        return new SearchHit(document, candidate.Score, matched, candidate.RelatedUrns);
    }

    private static SearchDocument LoadDocument(IndexSearcher searcher, int doc) =>
        DocumentMapper.FromPayload(searcher.Doc(doc, PayloadOnly).GetBinaryValue(IndexFields.Payload));

    private static readonly HashSet<string> PayloadOnly = [IndexFields.Payload];

    /// <summary>
    /// Disjunctive facet counts: a facet that is filtered on counts its values over the matches of every other filter,
    /// so its other values stay visible (with how many results picking them adds) and several can be picked at once.
    /// For a facet with one value per document, the counts of its picked values add up to the total.
    /// </summary>
    private (Dictionary<SearchFacet, IReadOnlyList<FacetCount>> Counts, bool Estimated) WithOtherValuesOfFilteredFacets(
        IndexSearcher searcher, ParsedQuery parsed, IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>>? filters, IReadOnlyList<string>? scope, List<RankedCandidate> ranked,
        IReadOnlyDictionary<SearchFacet, IReadOnlyList<FacetCount>> counts)
    {
        var result = counts.ToDictionary(pair => pair.Key, pair => pair.Value);
        var estimated = false;
        foreach (var (facet, values) in filters ?? new Dictionary<SearchFacet, IReadOnlyList<string>>())
        {
            if (values is not { Count: > 0 })
            {
                continue;
            }

            var others = filters!.Where(pair => pair.Key != facet).ToDictionary(pair => pair.Key, pair => pair.Value);
            FacetCollector collector;
            if (parsed.RequiredWords is { } words)
            {
                (collector, var sampled) = CountFacets(CommonWordMatches(searcher, words, _filters.For(Scoped(others, scope))));
                estimated |= sampled;
            }
            else
            {
                collector = new FacetCollector(_segmentValues);
                // Counting needs no scores: the plain query lets Lucene score out of order.
                SearchFiltered(searcher, parsed.Query, _filters.For(Scoped(others, scope)), collector);
            }

            // The results the join-aware rerank pulled in match every filter, so they count here too.
            var leaves = searcher.IndexReader.Leaves;
            foreach (var candidate in ranked.Where(c => c.PulledInByJoin))
            {
                var leaf = leaves[ReaderUtil.SubIndex(candidate.Doc, leaves)];
                collector.SetNextReader(leaf);
                collector.Collect(candidate.Doc - leaf.DocBase);
            }

            result[facet] = collector.Result(_options.MaxFacetValues).GetValueOrDefault(facet) ?? [];
        }

        return (result, estimated);
    }

    /// <summary>The filters within the searched entity types: a type filter keeps only the types in scope.</summary>
    private static IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>>? Scoped(
        IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>>? filters, IReadOnlyList<string>? scope)
    {
        if (scope is null)
        {
            return filters;
        }

        var scoped = new Dictionary<SearchFacet, IReadOnlyList<string>>(filters ?? new Dictionary<SearchFacet, IReadOnlyList<string>>());
        scoped[SearchFacet.EntityType] = scoped.TryGetValue(SearchFacet.EntityType, out var picked) && picked is { Count: > 0 }
            ? picked.Where(scope.Contains).ToList()
            : scope;
        return scoped;
    }

    /// <summary>
    /// Runs <paramref name="query"/> over every segment with the filter's matches as the accepted documents (as Lucene
    /// applies deletions), not wrapped in a filtered query as <see cref="IndexSearcher.Search(Query, Filter, ICollector)"/>
    /// does: a filtered query is always scored in document order, one document at a time, while a plain disjunction may be
    /// scored a block at a time when the collector accepts documents out of order — much cheaper when a word of the
    /// question matches most of the index. Same matches, same scores.
    /// </summary>
    private static void SearchFiltered(IndexSearcher searcher, Query query, Filter? filter, ICollector collector)
    {
        if (filter is null)
        {
            searcher.Search(query, collector);
            return;
        }

        var weight = searcher.CreateNormalizedWeight(query);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            if (filter.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs) is not { } matches)
            {
                continue;
            }

            var accepted = matches.Bits ?? BitsOf(matches, leaf.AtomicReader.MaxDoc);
            if (accepted is null)
            {
                continue;
            }

            collector.SetNextReader(leaf);
            weight.GetBulkScorer(leaf, !collector.AcceptsDocsOutOfOrder, accepted)?.Score(collector);
        }
    }

    private static FixedBitSet? BitsOf(DocIdSet matches, int maxDoc) =>
        matches.GetIterator() is { } iterator ? FilterCache.ToBits(iterator, maxDoc) : null;
}
