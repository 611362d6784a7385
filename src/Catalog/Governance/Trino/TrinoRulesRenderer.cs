using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Governance.Trino;

/// <summary>
/// Renders the same decisions the query front enforces as Trino file-based access-control rules: per approved dataset,
/// first one rule per unexpired READ_PII grant (user or group: hidden columns <c>allow: false</c>, PII unmasked), then
/// the readers' rule (everyone, or each READ grant when grants are required: hidden columns off, PII masked with the
/// same keyed hash as the embedded engine), and a final rule denying every other table. Pending and denied datasets
/// have no rule, so they are denied; expired and revoked grants drop out on the next render (Trino's refresh period).
/// A dataset on a Trino connection is ruled under that connection's Trino catalog (its <c>Catalog</c> setting); others under the connection name.
/// </summary>
public sealed class TrinoRulesRenderer(IEntityStore entities, IGovernanceStore store, MaskKey maskKey, TrinoCatalogMap trinoCatalogs, AccessEvaluator evaluator, IOptions<GovernanceOptions> options, TimeProvider clock)
{
    public async Task<TrinoRules> RenderAsync(CancellationToken cancellationToken)
    {
        var datasets = (await entities.ListAsync<Dataset>(EntityType.Dataset, false, cancellationToken)).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        var policies = await store.GetPoliciesAsync(datasets.Select(d => d.Urn).ToList(), cancellationToken);
        var grants = await store.ListGrantsAsync(new GrantFilter { ActiveAt = clock.GetUtcNow(), First = 1000 }, cancellationToken);
        var tables = new List<TrinoTableRule>();
        var catalogs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
        {
            var policy = policies.GetValueOrDefault(dataset.Urn) ?? DatasetPolicy.Unregistered(dataset.Urn);
            if (evaluator.DatasetState(dataset.Catalog, policy) != ReviewState.Approved)
            {
                continue;
            }

            var catalog = TrinoCatalog(dataset);
            catalogs.Add(catalog);
            var hidden = dataset.Columns
                .Where(c => evaluator.ColumnState(dataset.Catalog, policy, c.Name) != ReviewState.Approved)
                .Select(c => new TrinoColumnRule(c.Name, false, null))
                .ToList();
            var pii = dataset.Columns.Where(c => policy.IsPii(c.Name) && hidden.All(h => h.Name != c.Name)).Select(c => c.Name).ToList();
            var onDataset = grants.Where(g => g.DatasetUrn == dataset.Urn).ToList();
            foreach (var grant in onDataset.Where(g => g.Level == AccessLevel.ReadPii))
            {
                var masked = pii.Where(c => grant.Columns.Count > 0 && !grant.Columns.Contains(c, StringComparer.OrdinalIgnoreCase)).Select(c => Mask(c)).ToList();
                tables.Add(Rule(dataset, catalog, grant.PrincipalKind, grant.Principal, [.. hidden, .. masked]));
            }

            var maskedForReaders = pii.Select(c => Mask(c)).ToList();
            if (options.Value.RequireGrants)
            {
                foreach (var grant in onDataset.Where(g => g.Level == AccessLevel.Read))
                {
                    tables.Add(Rule(dataset, catalog, grant.PrincipalKind, grant.Principal, [.. hidden, .. maskedForReaders]));
                }
            }
            else
            {
                tables.Add(Rule(dataset, catalog, null, null, [.. hidden, .. maskedForReaders]));
            }
        }

        // TownLake's own service users read everything: they discover new tables for review (ingestion) and never run callers' SQL.
        var serviceUsers = trinoCatalogs.ServiceUsers.Order(StringComparer.Ordinal).Select(Exact).ToList();
        tables.InsertRange(0, serviceUsers.Select(u => new TrinoTableRule(u, null, null, null, null, ["SELECT"], null)));
        tables.Add(new TrinoTableRule(null, null, null, null, null, [], null));
        return new TrinoRules(
            [.. serviceUsers.Select(u => new TrinoCatalogRule(u, ".*", "read-only")), .. catalogs.Select(c => new TrinoCatalogRule(null, Exact(c), "read-only")), new TrinoCatalogRule(null, ".*", "none")],
            [new TrinoSchemaRule(".*", false)],
            tables);
    }

    /// <summary>The keyed mask the embedded engine applies, in Trino SQL (same input, same output).</summary>
    public string MaskExpression(string column)
    {
        var quoted = "\"" + column.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var key = "'" + (maskKey.Value + ":").Replace("'", "''", StringComparison.Ordinal) + "'";
        return $"CASE WHEN {quoted} IS NULL THEN NULL ELSE '{Engine.Execution.QueryVisibility.MaskPrefix}' || substr(lower(to_hex(sha256(to_utf8({key} || CAST({quoted} AS varchar))))), 1, 16) END";
    }

    private TrinoColumnRule Mask(string column) => new(column, null, MaskExpression(column));

    private string TrinoCatalog(Dataset dataset) => trinoCatalogs.TrinoCatalogOf(dataset.Catalog);

    private static TrinoTableRule Rule(Dataset dataset, string catalog, PrincipalKind? kind, string? principal, IReadOnlyList<TrinoColumnRule> columns) => new(
        kind == PrincipalKind.User ? Exact(principal!) : null,
        kind == PrincipalKind.Group ? Exact(principal!) : null,
        Exact(catalog),
        Exact(dataset.Schema),
        Exact(dataset.Table),
        ["SELECT"],
        columns.Count == 0 ? null : columns);

    /// <summary>A Java regex matching exactly this name (Trino matches names with java.util.regex).</summary>
    private static string Exact(string name) => @"\Q" + name.Replace(@"\E", @"\E\\E\Q", StringComparison.Ordinal) + @"\E";
}
