using Lucene.Net.Index;
using Lucene.Net.Search;
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
            var filter = FilterOf(Scoped(request.Filters, request.EntityTypes));
            var window = Math.Max(_options.RerankWindow, offset + request.Limit);
            var top = TopScoreDocCollector.Create(window, docsScoredInOrder: false);
            var facets = request.IncludeFacets ? new FacetCollector(_segmentValues) : null;
            searcher.Search(new SignalBoostQuery(parsed.Query, _segmentValues), filter, facets is null ? top : MultiCollector.Wrap(top, facets));
            var topDocs = top.GetTopDocs();
            cancellationToken.ThrowIfCancellationRequested();

            var ranked = Rank(searcher, topDocs, parsed, filter, request.JoinAware);
            var total = topDocs.TotalHits + ranked.Count(candidate => candidate.PulledInByJoin);
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
                facetCounts = WithOtherValuesOfFilteredFacets(searcher, parsed, request.Filters, request.EntityTypes, ranked, facetCounts);
            }

            var didYouMean = offset == 0 ? _spelling.Suggest(request.Query ?? "", searcher.IndexReader) : null;
            return new SearchResults(total, hits, facetCounts, next, didYouMean);
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
            var top = searcher.Search(query, FilterOf(filters), Math.Min(MaxLimit, limit * 5));
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
    private Dictionary<SearchFacet, IReadOnlyList<FacetCount>> WithOtherValuesOfFilteredFacets(
        IndexSearcher searcher, ParsedQuery parsed, IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>>? filters, IReadOnlyList<string>? scope, List<RankedCandidate> ranked,
        IReadOnlyDictionary<SearchFacet, IReadOnlyList<FacetCount>> counts)
    {
        var result = counts.ToDictionary(pair => pair.Key, pair => pair.Value);
        foreach (var (facet, values) in filters ?? new Dictionary<SearchFacet, IReadOnlyList<string>>())
        {
            if (values is not { Count: > 0 })
            {
                continue;
            }

            var others = filters!.Where(pair => pair.Key != facet).ToDictionary(pair => pair.Key, pair => pair.Value);
            var collector = new FacetCollector(_segmentValues);
            searcher.Search(new SignalBoostQuery(parsed.Query, _segmentValues), FilterOf(Scoped(others, scope)), collector);
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

        return result;
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

    /// <summary>Values within one facet are alternatives (OR); different facets must all hold (AND).</summary>
    private static QueryWrapperFilter? FilterOf(IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>>? filters)
    {
        if (filters is null || filters.All(pair => pair.Value is null || pair.Value.Count == 0))
        {
            return null;
        }

        var all = new BooleanQuery();
        foreach (var (facet, values) in filters)
        {
            if (values is null || values.Count == 0)
            {
                continue;
            }

            var any = new BooleanQuery();
            foreach (var value in values)
            {
                any.Add(new TermQuery(KeywordTerms.Term(SearchFacetFields.FieldOf(facet), value)), Occur.SHOULD);
            }

            all.Add(any, Occur.MUST);
        }

        return new QueryWrapperFilter(all);
    }
}
