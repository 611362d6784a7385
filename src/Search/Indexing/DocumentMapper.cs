using System.Text.Json;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using TownLake.Search.Analysis;
using TownLake.Search.Documents;
using TownLake.Search.Retrieval;
using TownLake.Search.Ranking;
using LuceneDocument = Lucene.Net.Documents.Document;

namespace TownLake.Search.Indexing;

/// <summary>Writes a <see cref="SearchDocument"/> into the Lucene fields the queries, facets and reranker read.</summary>
internal static class DocumentMapper
{
    // Exact-match keyword fields are "tokenized" by KeywordAnalyzer (see IndexAnalyzers) rather than written as
    // StringField: Lucene.Net builds a new token stream with reflection for every StringField instance, which made
    // indexing ten times slower; the analyzer's token stream is reused per thread.
    private static readonly FieldType KeywordType = Keyword(stored: false);

    // The signal multiplier and the join facts are sorted doc values, not numeric or binary ones: Lucene.Net's numeric and
    // binary doc-values writers measure their memory with a reflection walk on every added value (a tenth of a bulk
    // build); the sorted writer does not. Join facts are unique per document, so reading one searches a compressed
    // dictionary: SegmentValues keeps each document's facts once decoded.

    // (KeywordTerms explains why all exact-match terms share one field.)
    private static readonly FieldType StoredKeywordType = Keyword(stored: true);

    // Positions, so a prefix of several words matches them in sequence (see AutocompleteQuery).
    private static readonly FieldType NameWordsType = NameWords();

    private static FieldType NameWords()
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            OmitNorms = true,
            IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS,
        };
        type.Freeze();
        return type;
    }

    private static FieldType Keyword(bool stored)
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = stored,
            OmitNorms = true,
            IndexOptions = IndexOptions.DOCS_ONLY,
        };
        type.Freeze();
        return type;
    }

    public static LuceneDocument ToLucene(SearchDocument source, SignalWeights signals)
    {
        Validate(source);
        var document = new LuceneDocument
        {
            new Field(IndexFields.Urn, source.Urn, StoredKeywordType),
            new StoredField(IndexFields.Payload, JsonSerializer.SerializeToUtf8Bytes(source, SearchJsonContext.Default.SearchDocument)),
            new SortedDocValuesField(IndexFields.SignalBoost, SignalBoostValue(signals.MultiplierOf(source.Signals))),
        };

        var keywords = new List<string> { KeywordTerms.Text(IndexFields.Group, GroupOf(source)) };
        AddText(document, IndexFields.TableName, source.EntityType == SearchEntityType.Dataset ? source.TableName : source.Name);
        AddText(document, IndexFields.Container, source.Catalog);
        AddText(document, IndexFields.Container, source.Schema);
        AddText(document, IndexFields.Description, source.Description);
        AddText(document, IndexFields.Details, source.Body);
        AddText(document, IndexFields.Glossary, source.Domain);

        AddText(document, IndexFields.Columns, string.Join(SchemaAnalyzer.ValueSeparator, source.Columns.Select(column => column.Name)));
        foreach (var column in source.Columns)
        {
            AddText(document, IndexFields.Details, column.Description);
            AddText(document, IndexFields.Details, column.Values is { Count: > 0 } values ? string.Join(' ', values) : null);
            foreach (var tag in column.Tags ?? [])
            {
                AddText(document, IndexFields.Glossary, tag);
            }

            foreach (var term in column.GlossaryTerms ?? [])
            {
                AddText(document, IndexFields.Glossary, term);
            }
        }

        foreach (var tag in source.Tags)
        {
            AddText(document, IndexFields.Glossary, tag);
            AddFacet(document, keywords, SearchFacet.Tag, tag);
        }

        foreach (var term in source.GlossaryTerms)
        {
            AddText(document, IndexFields.Glossary, term.Name);
            foreach (var synonym in term.Synonyms ?? [])
            {
                AddText(document, IndexFields.Glossary, synonym);
            }

            AddFacet(document, keywords, SearchFacet.GlossaryTerm, term.Name);
        }

        foreach (var owner in source.Owners)
        {
            AddFacet(document, keywords, SearchFacet.Owner, owner);
        }

        AddFacet(document, keywords, SearchFacet.EntityType, source.EntityType.ToString());
        AddFacet(document, keywords, SearchFacet.Platform, source.Platform);
        AddFacet(document, keywords, SearchFacet.Catalog, source.Catalog);
        AddFacet(document, keywords, SearchFacet.Schema, source.Schema is null ? null : GroupOf(source));
        AddFacet(document, keywords, SearchFacet.Domain, source.Domain);
        if (source.EntityType != SearchEntityType.Job)
        {
            // Autocomplete completes the names people browse to; jobs are reached through search or their datasets.
            AddSuggestions(document, keywords, source);
        }

        // Doc values, not stored fields: the reranker reads these for hundreds of documents per query.
        var isDataset = source.EntityType == SearchEntityType.Dataset;
        document.Add(new SortedDocValuesField(IndexFields.JoinFacts, new BytesRef(JoinFactsValue(source))));
        if (isDataset)
        {
            foreach (var term in JoinTermsOf(source))
            {
                keywords.Add(KeywordTerms.JoinText(GroupOf(source), term));
            }
        }

        document.Add(new Field(IndexFields.Keywords, string.Join('\n', keywords), KeywordType));
        return document;
    }

    /// <summary>The signal multiplier as the 4 bytes of its float (read back by <see cref="SegmentValues"/>).</summary>
    public static BytesRef SignalBoostValue(float multiplier) => new(BitConverter.GetBytes(multiplier));

    public static SearchDocument FromPayload(BytesRef payload) =>
        JsonSerializer.Deserialize(payload.Bytes.AsSpan(payload.Offset, payload.Length), SearchJsonContext.Default.SearchDocument)
        ?? throw new InvalidDataException("A stored search document is empty.");

    /// <summary>Datasets of one <c>catalog.schema</c> form a group: the unit join inference and coherence work on.</summary>
    public static string GroupOf(SearchDocument source) =>
        string.Join('.', new[] { source.Catalog, source.Schema }.Where(part => !string.IsNullOrEmpty(part))).ToLowerInvariant();

    private static IEnumerable<string> JoinTermsOf(SearchDocument source)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in source.Columns)
        {
            var key = JoinKeys.Normalize(column.Name);
            if (JoinKeys.LooksLikeKey(key))
            {
                terms.Add("k:" + key);
            }
        }

        foreach (var stem in JoinKeys.ReferenceStems(JoinKeys.Normalize(source.TableName)))
        {
            terms.Add("t:" + stem);
        }

        foreach (var join in source.Joins)
        {
            terms.Add("u:" + join.TargetUrn);
        }

        return terms;
    }

    /// <summary>Longest value Lucene accepts in a sorted doc-values field, in UTF-8 bytes.</summary>
    private const int MaxDocValueBytes = 32_766;

    /// <summary>
    /// urn, group, "tablekey|key1 key2 ..." and declared join targets (one per line), read back by
    /// <see cref="JoinFacts.Parse"/>. A very wide table keeps as many of its keys and targets as fit the doc-value limit:
    /// the rerank then misses some of its joins, where a longer value would fail the whole document.
    /// </summary>
    private static string JoinFactsValue(SearchDocument source)
    {
        var isDataset = source.EntityType == SearchEntityType.Dataset;
        var keys = isDataset
            ? source.Columns.Select(column => JoinKeys.Normalize(column.Name)).Where(JoinKeys.LooksLikeKey).Distinct(StringComparer.Ordinal).ToList()
            : [];
        var targets = isDataset ? source.Joins.Select(join => join.TargetUrn).ToList() : [];
        while (true)
        {
            var value = string.Join(
                IndexFields.JoinFactsSeparator,
                source.Urn,
                GroupOf(source),
                isDataset ? JoinKeys.Normalize(source.TableName) + "|" + string.Join(' ', keys) : "",
                string.Join('\n', targets));
            if (System.Text.Encoding.UTF8.GetByteCount(value) <= MaxDocValueBytes || (keys.Count == 0 && targets.Count == 0))
            {
                return value;
            }

            keys = keys.Take(keys.Count / 2).ToList();
            targets = targets.Take(targets.Count / 2).ToList();
        }
    }

    private static void Validate(SearchDocument source)
    {
        if (string.IsNullOrWhiteSpace(source.Urn))
        {
            throw new ArgumentException("A search document needs a non-empty Urn.", nameof(source));
        }

        if (string.IsNullOrWhiteSpace(source.Name))
        {
            throw new ArgumentException($"Search document '{source.Urn}' needs a non-empty Name.", nameof(source));
        }
    }

    private static void AddText(LuceneDocument document, string field, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            document.Add(new TextField(field, text, Field.Store.NO));
        }
    }

    private static void AddFacet(LuceneDocument document, List<string> keywords, SearchFacet facet, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var field = SearchFacetFields.FieldOf(facet);
        keywords.Add(KeywordTerms.Text(field, value));
        document.Add(SearchFacetFields.IsSingleValued(facet)
            ? new SortedDocValuesField(field, new BytesRef(value))
            : new SortedSetDocValuesField(field, new BytesRef(value)));
    }

    private static void AddSuggestions(LuceneDocument document, List<string> keywords, SearchDocument source)
    {
        keywords.Add(KeywordTerms.Text(IndexFields.Suggest, source.Name.ToLowerInvariant()));
        document.Add(new Field(IndexFields.NameWords, source.TableName, NameWordsType));
    }
}
