namespace TownLake.Search.Retrieval;

/// <summary>
/// When a query word is common: in at least <paramref name="Share"/> of the index and in at least
/// <paramref name="MinDocs"/> documents. A share of 0 makes no word common.
/// </summary>
internal sealed record CommonWords(double Share, int MinDocs)
{
    public bool IsCommon(int docFreq, int maxDoc) => Share > 0 && docFreq >= MinDocs && docFreq >= Share * maxDoc;
}
