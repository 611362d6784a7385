namespace TownLake.Search.Analysis;

/// <summary>
/// Abbreviations common in column and table names, mapped to the word a person would type.
/// The expansion is added beside the original token, so both forms match.
/// </summary>
public static class Abbreviations
{
    /// <summary>Abbreviation → full word, used when indexing names.</summary>
    public static IReadOnlyDictionary<string, string> ForNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["acct"] = "account", ["acc"] = "account", ["accts"] = "accounts",
        ["qty"] = "quantity", ["amt"] = "amount", ["dt"] = "date", ["ts"] = "timestamp",
        ["num"] = "number", ["no"] = "number", ["nbr"] = "number", ["cnt"] = "count",
        ["ident"] = "id", ["desc"] = "description", ["descr"] = "description",
        ["addr"] = "address", ["cust"] = "customer", ["usr"] = "user", ["emp"] = "employee",
        ["dept"] = "department", ["prod"] = "product", ["txn"] = "transaction", ["trx"] = "transaction",
        ["inv"] = "invoice", ["org"] = "organization", ["pct"] = "percent", ["avg"] = "average",
        ["min"] = "minimum", ["max"] = "maximum", ["tot"] = "total", ["yr"] = "year", ["mo"] = "month",
        ["mth"] = "month", ["wk"] = "week", ["hr"] = "hour", ["cd"] = "code", ["nm"] = "name",
        ["fname"] = "firstname", ["lname"] = "lastname", ["dob"] = "birth", ["ht"] = "height",
        ["wt"] = "weight", ["loc"] = "location", ["msg"] = "message", ["pmt"] = "payment",
        ["bal"] = "balance", ["cat"] = "category", ["stat"] = "status", ["ref"] = "reference",
        ["src"] = "source", ["dst"] = "destination", ["dest"] = "destination", ["ctry"] = "country",
        ["pop"] = "population", ["tel"] = "telephone", ["ph"] = "phone", ["fct"] = "fact", ["dim"] = "dimension",
        ["stu"] = "student", ["mgr"] = "manager", ["mgmt"] = "management", ["govt"] = "government",
        ["info"] = "information", ["config"] = "configuration", ["seq"] = "sequence",
    };

    /// <summary>
    /// The subset safe for free-text queries: words like "no", "min" or "cat" are ordinary English
    /// in a question and must not turn into "number" or "category" there.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForQueries { get; } = ForNames
        .Where(pair => pair.Key is not ("no" or "min" or "cat" or "pop" or "mo" or "ref" or "stat" or "dim" or "tot" or "prod" or "org"))
        .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
