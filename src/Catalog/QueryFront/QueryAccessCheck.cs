using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.QueryFront;

/// <summary>
/// THE place where the query front decides whether a caller may run a statement, before it runs. Today every
/// authenticated caller may read every dataset and anonymous callers are refused; per-dataset and per-column access
/// rules plug in here, with the datasets and columns the statement reads already worked out.
/// </summary>
public sealed class QueryAccessCheck
{
    /// <summary>Refuses callers who may not query at all (anonymous ones) with FORBIDDEN.</summary>
    public void EnsureCanQuery(Caller caller)
    {
        if (!caller.IsAuthenticated)
        {
            throw CatalogException.Forbidden($"{caller.UserName} may not run queries: sign in (bearer token or trusted proxy header) to query datasets.");
        }
    }

    /// <summary>
    /// Decides on one statement from its analysis: the catalog datasets and columns it reads (<see cref="QueryAnalysis.Result.Reads"/>),
    /// and the Engine's <see cref="TownLake.Engine.Sql.StatementAnalysis"/> with its table functions. When the analysis is
    /// not complete (the statement could not be parsed; reads come from a token scan), a rule that restricts anything should refuse.
    /// </summary>
    public void EnsureMayRead(Caller caller, QueryAnalysis.Result analyzed)
    {
        EnsureCanQuery(caller);
        _ = analyzed;
    }
}

/// <summary>A dataset a statement reads: its catalog name, and the columns read (empty with <see cref="AllColumns"/> when unknown or all).</summary>
public sealed record DatasetRead(string Dataset, IReadOnlyList<string> Columns, bool AllColumns);
