using System.Text.RegularExpressions;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Governance.Trino;

/// <summary>
/// Answers Trino's <c>opa</c> access control with the decisions of <see cref="AccessEvaluator"/>, read fresh on every
/// request (so a grant's expiry or a review takes effect on Trino's next question): a table is usable when the caller
/// may query it, its pending, denied and out-of-grant columns are filtered out and refused, a catalog or schema is
/// visible when it holds a table the caller may query, and PII columns get the keyed-hash mask unless the caller holds
/// an unexpired READ_PII grant for them. Every operation it does not know, and every write, is denied.
/// </summary>
public sealed partial class TrinoOpaDecider(IEntityStore entities, IDatasetBrowseStore browse, AccessEvaluator evaluator, TrinoCatalogMap catalogs, TrinoRulesRenderer renderer)
{
    /// <summary>Trino's own schema of every catalog; its rows are filtered through FilterSchemas/FilterTables/FilterColumns.</summary>
    private const string InformationSchema = "information_schema";

    private readonly IEntityStore _entities = entities;
    private readonly IDatasetBrowseStore _browse = browse;
    private readonly AccessEvaluator _evaluator = evaluator;
    private readonly TrinoCatalogMap _catalogs = catalogs;

    /// <summary>The answer for <c>opa.policy.uri</c>: may the identity do this operation on this resource?</summary>
    public async Task<bool> AllowAsync(OpaInput input, CancellationToken cancellationToken)
    {
        if (CallerOf(input) is not { } caller)
        {
            return false;
        }

        var operation = input.Action?.Operation;
        var resource = input.Action?.Resource;
        var scope = new Scope(this, caller);
        return operation switch
        {
            "ExecuteQuery" or "SetSystemSessionProperty" => true,
            "ViewQueryOwnedBy" or "KillQueryOwnedBy" => resource?.User?.User == caller.UserName,
            "AccessCatalog" or "ShowSchemas" or "SetCatalogSessionProperty" => resource?.Catalog?.Name is { } catalog && await scope.CatalogOpenAsync(catalog, cancellationToken),
            "ShowTables" => resource?.Schema is { CatalogName: { } catalog, SchemaName: { } schema } && await scope.SchemaOpenAsync(catalog, schema, cancellationToken),
            "ShowColumns" => resource?.Table is { } table && await scope.TableAllowsAsync(table, [], cancellationToken),
            "SelectFromColumns" => resource?.Table is { } table && await scope.TableAllowsAsync(table, table.Columns ?? [], cancellationToken),
            _ => false,
        };
    }

    /// <summary>
    /// The answer for <c>opa.policy.batched-uri</c>: the indexes of <c>filterResources</c> the identity may see (for
    /// FilterColumns, the indexes of the one table's columns). Unknown operations see nothing.
    /// </summary>
    public async Task<IReadOnlyList<int>> FilterAsync(OpaInput input, CancellationToken cancellationToken)
    {
        var resources = input.Action?.FilterResources ?? [];
        if (CallerOf(input) is not { } caller)
        {
            return [];
        }

        var scope = new Scope(this, caller);
        var kept = new List<int>();
        switch (input.Action?.Operation)
        {
            case "FilterCatalogs":
                for (var i = 0; i < resources.Count; i++)
                {
                    if (resources[i]?.Catalog?.Name is { } catalog && await scope.CatalogOpenAsync(catalog, cancellationToken))
                    {
                        kept.Add(i);
                    }
                }

                break;
            case "FilterSchemas":
                for (var i = 0; i < resources.Count; i++)
                {
                    if (resources[i]?.Schema is { CatalogName: { } catalog, SchemaName: { } schema } && await scope.SchemaOpenAsync(catalog, schema, cancellationToken))
                    {
                        kept.Add(i);
                    }
                }

                break;
            case "FilterTables":
                var tables = resources.Select(r => r?.Table).ToList();
                await scope.LoadTablesAsync(tables.OfType<OpaTable>().ToList(), cancellationToken);
                for (var i = 0; i < tables.Count; i++)
                {
                    if (tables[i] is { } table && await scope.TableAllowsAsync(table, [], cancellationToken))
                    {
                        kept.Add(i);
                    }
                }

                break;
            case "FilterColumns":
                if (resources is not [{ Table: { } columnsOf }])
                {
                    throw CatalogException.BadInput("FilterColumns takes exactly one table resource whose columns are filtered.");
                }

                var columns = columnsOf.Columns ?? [];
                for (var i = 0; i < columns.Count; i++)
                {
                    if (await scope.TableAllowsAsync(columnsOf, [columns[i]], cancellationToken))
                    {
                        kept.Add(i);
                    }
                }

                break;
            case "FilterViewQueryOwnedBy":
                kept.AddRange(Enumerable.Range(0, resources.Count).Where(i => resources[i]?.User?.User == caller.UserName));
                break;
        }

        return kept;
    }

    /// <summary>The answer for <c>opa.policy.column-masking-uri</c>: the mask for one column, or null for none.</summary>
    public async Task<string?> ColumnMaskAsync(OpaInput input, CancellationToken cancellationToken) =>
        CallerOf(input) is { } caller && input.Action?.Resource?.Column is { } column
            ? await new Scope(this, caller).MaskAsync(column, cancellationToken)
            : null;

    /// <summary>The answer for <c>opa.policy.batch-column-masking-uri</c>: the masks for the columns that get one, by index.</summary>
    public async Task<IReadOnlyList<(int Index, string Expression)>> ColumnMasksAsync(OpaInput input, CancellationToken cancellationToken)
    {
        var resources = input.Action?.FilterResources ?? [];
        if (CallerOf(input) is not { } caller)
        {
            return [];
        }

        var scope = new Scope(this, caller);
        await scope.LoadTablesAsync(resources.Select(r => r?.Column).OfType<OpaColumn>().Select(c => new OpaTable(c.CatalogName, c.SchemaName, c.TableName, null)).ToList(), cancellationToken);
        var masks = new List<(int, string)>();
        for (var i = 0; i < resources.Count; i++)
        {
            if (resources[i]?.Column is { } column && await scope.MaskAsync(column, cancellationToken) is { } expression)
            {
                masks.Add((i, expression));
            }
        }

        return masks;
    }

    /// <summary>The identity Trino authenticated; null (deny everything) without a user name.</summary>
    private static Caller? CallerOf(OpaInput input) =>
        input.Context?.Identity is { User: { Length: > 0 } user } identity
            ? new Caller(user, identity.Groups?.Where(g => !string.IsNullOrEmpty(g)).ToList() ?? [], true, false)
            : null;

    /// <summary>A mask of the column's own Trino type: Trino refuses a mask whose type differs from the column's.</summary>
    private string MaskOf(string column, string? type)
    {
        var normalized = type?.Trim().ToLowerInvariant() ?? "varchar";
        if (normalized.StartsWith("varchar", StringComparison.Ordinal))
        {
            return renderer.MaskExpression(column);
        }

        // A text hash cannot stand in for a number or a date; those are nulled out (same NULL for every row).
        return NullOf(normalized);
    }

    /// <summary>A NULL of the column's type (the type is echoed only when it is a plain type name, never arbitrary text).</summary>
    private static string NullOf(string? type)
    {
        var normalized = type?.Trim().ToLowerInvariant() ?? "varchar";
        return SafeType().IsMatch(normalized) ? $"CAST(NULL AS {normalized})" : "NULL";
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*( ?\\([0-9, ]{1,20}\\))?( with time zone)?$")]
    private static partial Regex SafeType();

    /// <summary>One request's view: datasets and decisions are loaded once and shared by its resources.</summary>
    private sealed class Scope(TrinoOpaDecider decider, Caller caller)
    {
        private readonly Dictionary<string, Dataset?> _tables = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, DatasetAccess> _access = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<Dataset>> _catalogs = new(StringComparer.OrdinalIgnoreCase);

        private bool IsServiceUser => decider._catalogs.ServiceUsers.Contains(caller.UserName);

        public async Task<bool> CatalogOpenAsync(string catalog, CancellationToken cancellationToken) =>
            IsServiceUser || (await QueryableInAsync(catalog, cancellationToken)).Count > 0;

        public async Task<bool> SchemaOpenAsync(string catalog, string schema, CancellationToken cancellationToken) =>
            IsServiceUser
            || (schema == InformationSchema
                ? await CatalogOpenAsync(catalog, cancellationToken)
                : (await QueryableInAsync(catalog, cancellationToken)).Any(d => string.Equals(d.Schema, schema, StringComparison.OrdinalIgnoreCase)));

        /// <summary>True when the caller may query the table and every one of <paramref name="columns"/> exists for them.</summary>
        public async Task<bool> TableAllowsAsync(OpaTable table, IReadOnlyList<string> columns, CancellationToken cancellationToken)
        {
            if (table is not { CatalogName: { } catalog, SchemaName: { } schema, TableName: { } name })
            {
                return false;
            }

            if (IsServiceUser || schema == InformationSchema)
            {
                return IsServiceUser || await CatalogOpenAsync(catalog, cancellationToken);
            }

            return await AccessAsync(catalog, schema, name, cancellationToken) is { CanQuery: true } access
                && columns.All(c => !access.IsHidden(c));
        }

        public async Task<string?> MaskAsync(OpaColumn column, CancellationToken cancellationToken)
        {
            if (IsServiceUser || column is not { CatalogName: { } catalog, SchemaName: { } schema, TableName: { } table, ColumnName: { } name } || schema == InformationSchema)
            {
                return null;
            }

            if (await AccessAsync(catalog, schema, table, cancellationToken) is not { CanQuery: true } access || access.IsHidden(name))
            {
                // Trino asks for masks only of columns it may read; should it ask anyway, nothing leaks.
                return NullOf(column.ColumnType);
            }

            var isPii = access.PiiColumns.Contains(name, StringComparer.OrdinalIgnoreCase);
            var unlocked = access.UnlockableColumns.Contains(name, StringComparer.OrdinalIgnoreCase);
            return isPii && !unlocked ? decider.MaskOf(name, column.ColumnType) : null;
        }

        /// <summary>Loads many tables in two store reads (datasets, then policies and grants) before they are asked about one by one.</summary>
        public async Task LoadTablesAsync(IReadOnlyList<OpaTable> tables, CancellationToken cancellationToken)
        {
            var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                if (table is { CatalogName: { } catalog, SchemaName: { } schema, TableName: { } name } && schema != InformationSchema && !_tables.ContainsKey(Key(catalog, schema, name)))
                {
                    foreach (var urn in UrnsOf(catalog, schema, name))
                    {
                        wanted.TryAdd(urn, Key(catalog, schema, name));
                    }
                }
            }

            if (wanted.Count == 0)
            {
                return;
            }

            var found = await decider._entities.GetManyAsync<Dataset>(wanted.Keys, cancellationToken);
            foreach (var (urn, key) in wanted)
            {
                var dataset = found.GetValueOrDefault(urn) is { Removed: false } live ? live : null;
                if (!_tables.TryGetValue(key, out var already) || already is null)
                {
                    _tables[key] = dataset;
                }
            }

            await DecideAsync(_tables.Values.OfType<Dataset>().Where(d => !_access.ContainsKey(d.Urn)).ToList(), cancellationToken);
        }

        private async Task<DatasetAccess?> AccessAsync(string catalog, string schema, string table, CancellationToken cancellationToken)
        {
            var key = Key(catalog, schema, table);
            if (!_tables.ContainsKey(key))
            {
                await LoadTablesAsync([new OpaTable(catalog, schema, table, null)], cancellationToken);
            }

            return _tables.GetValueOrDefault(key) is { } dataset ? _access.GetValueOrDefault(dataset.Urn) : null;
        }

        /// <summary>The datasets of a Trino catalog the caller may query (one listing per catalog and request).</summary>
        private async Task<IReadOnlyList<Dataset>> QueryableInAsync(string catalog, CancellationToken cancellationToken)
        {
            if (_catalogs.TryGetValue(catalog, out var known))
            {
                return known;
            }

            var datasets = new List<Dataset>();
            foreach (var connection in decider._catalogs.ConnectionsOf(catalog))
            {
                string? after = null;
                while (true)
                {
                    var page = await decider._browse.ListDatasetsAsync(new DatasetQuery { Catalog = connection, First = 500, AfterName = after }, cancellationToken);
                    datasets.AddRange(page.Items);
                    if (!page.HasNextPage || page.Items.Count == 0)
                    {
                        break;
                    }

                    after = page.Items[^1].Name;
                }
            }

            await DecideAsync(datasets.Where(d => !_access.ContainsKey(d.Urn)).ToList(), cancellationToken);
            var queryable = datasets.Where(d => _access.GetValueOrDefault(d.Urn)?.CanQuery == true).ToList();
            _catalogs[catalog] = queryable;
            return queryable;
        }

        private async Task DecideAsync(IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken)
        {
            if (datasets.Count == 0)
            {
                return;
            }

            foreach (var (urn, access) in await decider._evaluator.EvaluateManyAsync(caller, datasets, cancellationToken))
            {
                _access[urn] = access;
            }
        }

        private IEnumerable<string> UrnsOf(string catalog, string schema, string table)
        {
            foreach (var connection in decider._catalogs.ConnectionsOf(catalog))
            {
                DatasetName name;
                try
                {
                    name = new DatasetName(connection, schema, table);
                }
                catch (Exception ex) when (ex is CatalogException or ArgumentException)
                {
                    // A name no dataset can have names no dataset: denied like any unknown table.
                    continue;
                }

                yield return Urn.Dataset(name);
            }
        }

        private static string Key(string catalog, string schema, string table) => $"{catalog}\u0001{schema}\u0001{table}";
    }
}
