using System.Text.RegularExpressions;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;
using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.QueryFront;

/// <summary>
/// THE place where the query front decides whether a caller may run a statement, before it runs, from the statement's
/// one analysis and <see cref="AccessEvaluator"/>'s decision per dataset: every dataset read must be queryable by the
/// caller (approved, granted where grants are required), a column it names must exist for the caller (not pending or
/// denied), a catalog view is checked against the datasets it reads, and PII is unlocked only with a READ_PII grant and
/// a reason. The outcome is a <see cref="QueryVisibility"/> the engine enforces by construction (per-query views).
/// </summary>
public sealed partial class QueryAccessCheck(
    DatasetService datasets,
    AccessEvaluator evaluator,
    ConnectionRegistry connections,
    SqlLineageAnalyzer analyzer,
    MaskKey maskKey)
{
    /// <summary>How deep views over views are followed before the statement is refused.</summary>
    private const int MaxViewDepth = 8;

    /// <summary>Refuses callers who may not query at all (anonymous ones) with FORBIDDEN.</summary>
    public void EnsureCanQuery(Caller caller)
    {
        if (!caller.IsAuthenticated)
        {
            throw CatalogException.Forbidden($"{caller.UserName} may not run queries: sign in (bearer token or trusted proxy header) to query datasets.");
        }
    }

    /// <summary>
    /// Decides on one statement from its analysis; ACCESS_DENIED naming the dataset (or column) and how to request
    /// access when refused. When the analysis is incomplete the engine refuses the statement anyway (it runs parsed
    /// statements only) and reads nothing outside the returned visibility.
    /// </summary>
    public async Task<QueryAuthorization> AuthorizeAsync(Caller caller, QueryAnalysis.Result analyzed, PiiUnlock? unlock, CancellationToken cancellationToken)
    {
        EnsureCanQuery(caller);
        if (LeadingKeyword(analyzed.Statement.Sql) is "EXPLAIN" or "SHOW" or "PRAGMA" or "CALL")
        {
            throw Denied("EXPLAIN, SHOW, PRAGMA and CALL are not available through the query front: they would show tables and columns governance hides. " +
                "Read a dataset's approved columns in the catalog (GraphQL dataset { columns access }), or DESCRIBE one dataset.");
        }

        var tables = new Dictionary<string, TableVisibility>(StringComparer.OrdinalIgnoreCase);
        var unlocked = new List<UnlockedPii>();
        foreach (var read in analyzed.Reads)
        {
            var dataset = await datasets.FindByNameAsync(read.Dataset, cancellationToken)
                ?? throw CatalogException.NotFound($"Dataset {read.Dataset} is no longer in the catalog.");
            var access = await evaluator.EvaluateAsync(caller, dataset, cancellationToken);
            EnsureQueryable(access);
            // A column hidden from the caller is not in the schema the analysis bound against, so a name of it shows as
            // "not found" there: that is reported as what it is rather than left to the engine's "no such column".
            var hidden = read.Columns.Concat(UnboundColumns(analyzed.Statement)).FirstOrDefault(c => access.IsHidden(c) && dataset.FindColumn(c) is not null);
            if (hidden is not null)
            {
                throw Denied($"Column '{hidden}' of {dataset.Name} cannot be queried: {access.HiddenReason(hidden)}. " +
                    (access.PendingColumns.Contains(hidden, StringComparer.OrdinalIgnoreCase) ? "A reviewer sees it in the review queue." : access.Request));
            }

            var unmasked = new List<string>();
            if (unlock is not null && access.PiiColumns.Count > 0)
            {
                if (access.UnlockableColumns.Count == 0)
                {
                    throw Denied($"PII of {dataset.Name} cannot be unlocked: you hold no unexpired READ_PII grant for it; {access.Request} (level READ_PII).");
                }

                unmasked.AddRange(access.UnlockableColumns);
                unlocked.Add(new UnlockedPii(dataset.Urn, dataset.Name, unmasked));
            }

            if (connections.Find(dataset.Catalog)?.Settings.Type == ConnectionType.Trino)
            {
                EnsureTrinoSafe(read, access, unmasked);
            }

            if (dataset.Kind == DatasetKind.View && !string.IsNullOrWhiteSpace(dataset.ViewSql))
            {
                await EnsureViewSourcesAsync(caller, dataset, unlock is not null, 1, cancellationToken);
            }

            tables[dataset.Name] = new TableVisibility(access.VisibleColumns
                .Select(c => new VisibleColumn(c, access.PiiColumns.Contains(c, StringComparer.OrdinalIgnoreCase) && !unmasked.Contains(c, StringComparer.OrdinalIgnoreCase)))
                .ToList());
        }

        return new QueryAuthorization(new QueryVisibility(tables, maskKey.Value), unlocked);
    }

    private static void EnsureQueryable(DatasetAccess access)
    {
        if (!access.CanQuery)
        {
            throw Denied($"Access denied to dataset {access.DatasetName}: {access.Denial}. To get access, {access.Request}.");
        }
    }

    /// <summary>
    /// Trino runs the statement itself, so the front cannot swap tables for masked views: there, <c>*</c> over a dataset
    /// with hidden or redacted columns and naming a redacted column are refused (Trino's own access control, fed by
    /// TownLake's rules, applies the masks for direct Trino users).
    /// </summary>
    private static void EnsureTrinoSafe(DatasetRead read, DatasetAccess access, List<string> unmasked)
    {
        var masked = access.PiiColumns.Where(c => !unmasked.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (read.AllColumns && (masked.Count > 0 || access.PendingColumns.Count > 0 || access.DeniedColumns.Count > 0))
        {
            throw Denied($"{access.DatasetName} is read through Trino, which cannot hide or redact columns on the query front: name the columns you need instead of *.");
        }

        var named = read.Columns.FirstOrDefault(c => masked.Contains(c, StringComparer.OrdinalIgnoreCase));
        if (named is not null)
        {
            throw Denied($"Column '{named}' of {access.DatasetName} holds PII and is read through Trino, which cannot redact it on the query front: unlock PII with a READ_PII grant and a reason, or leave it out.");
        }
    }

    /// <summary>
    /// A catalog view runs over its sources inside the engine, past the per-query views: so every dataset it reads must be
    /// queryable by the caller, it may not read a column hidden from the caller, nor a PII column unless the caller unlocked it.
    /// </summary>
    private async Task EnsureViewSourcesAsync(Caller caller, Dataset view, bool unlocking, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxViewDepth)
        {
            throw Denied($"View {view.Name} nests views more than {MaxViewDepth} deep; its sources cannot be checked.");
        }

        var statement = await analyzer.AnalyzeStatementAsync(view.ViewSql!, null, cancellationToken);
        if (!statement.Parsed && statement.Datasets.Count == 0)
        {
            throw Denied($"View {view.Name}'s definition cannot be read, so the datasets it reads cannot be checked; query its sources instead.");
        }

        foreach (var source in statement.Datasets)
        {
            if (source.Written.IsPath)
            {
                throw Denied($"View {view.Name} reads a file directly; it cannot be governed through the query front.");
            }

            var name = SourceName(view, source.Written);
            var dataset = await datasets.FindByNameAsync(name, cancellationToken) ?? await datasets.FindByNameAsync(name.ToLowerInvariant(), cancellationToken)
                ?? throw Denied($"View {view.Name} reads {name}, which is not in the catalog, so access to it cannot be checked.");
            var access = await evaluator.EvaluateAsync(caller, dataset, cancellationToken);
            if (!access.CanQuery)
            {
                throw Denied($"Access denied to view {view.Name}: it reads {dataset.Name}, and {access.Denial}. To get access, {access.Request}.");
            }

            var hidden = source.AllColumns ? access.PendingColumns.Concat(access.DeniedColumns).FirstOrDefault() : source.Columns.FirstOrDefault(c => access.IsHidden(c) && dataset.FindColumn(c) is not null);
            if (hidden is not null)
            {
                throw Denied($"Access denied to view {view.Name}: it reads column '{hidden}' of {dataset.Name}, which {access.HiddenReason(hidden)}.");
            }

            var pii = source.AllColumns ? access.PiiColumns.FirstOrDefault() : source.Columns.FirstOrDefault(c => access.PiiColumns.Contains(c, StringComparer.OrdinalIgnoreCase));
            if (pii is not null && !(unlocking && access.UnlockableColumns.Contains(pii, StringComparer.OrdinalIgnoreCase)))
            {
                throw Denied($"Access denied to view {view.Name}: it reads PII column '{pii}' of {dataset.Name}, which a view cannot redact; query {dataset.Name} directly (redacted), or unlock PII with a READ_PII grant and a reason.");
            }

            if (dataset.Kind == DatasetKind.View && !string.IsNullOrWhiteSpace(dataset.ViewSql))
            {
                await EnsureViewSourcesAsync(caller, dataset, unlocking, depth + 1, cancellationToken);
            }
        }
    }

    /// <summary>A name inside a view's definition, as a catalog name: it is relative to the view's own connection and schema.</summary>
    private string SourceName(Dataset view, SqlTableName written) => written switch
    {
        { Catalog: { } catalog } when connections.Find(catalog) is not null => $"{catalog}.{written.Schema ?? DatasetReference.DefaultSchema}.{written.Name}",
        { Schema: { } schema } => $"{view.Catalog}.{schema}.{written.Name}",
        _ => $"{view.Catalog}.{view.Schema}.{written.Name}",
    };

    /// <summary>Column names the analysis could not bind to any table (the last part of <c>t.col</c>).</summary>
    private static IEnumerable<string> UnboundColumns(StatementAnalysis statement) =>
        statement.Diagnostics.Select(d => UnboundColumn().Match(d.Message)).Where(m => m.Success).Select(m => m.Groups[1].Value.Split('.')[^1]);

    [GeneratedRegex(@"^Column '(.+)' was not found in any table of the statement\.$")]
    private static partial Regex UnboundColumn();

    private static CatalogException Denied(string message) => new(Hosting.Errors.ErrorCodes.AccessDenied, message);

    /// <summary>The statement's first keyword in upper case, past comments, whitespace and opening parentheses.</summary>
    private static string LeadingKeyword(string sql)
    {
        var match = LeadingWord().Match(sql);
        return match.Success ? match.Groups[1].Value.ToUpperInvariant() : "";
    }

    [GeneratedRegex(@"\A(?:\s|\(|--[^\n]*(?:\n|\z)|/\*.*?\*/)*([A-Za-z_]+)", RegexOptions.Singleline)]
    private static partial Regex LeadingWord();
}

/// <summary>A dataset a statement reads: its catalog name, and the columns read (empty with <see cref="AllColumns"/> when unknown or all).</summary>
public sealed record DatasetRead(string Dataset, IReadOnlyList<string> Columns, bool AllColumns);
