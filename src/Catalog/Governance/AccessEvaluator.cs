using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Governance;

/// <summary>
/// THE decision of what a caller may do with a dataset, shared by the query front, GraphQL's front door and the Trino
/// rules: a dataset must be approved (default closed; an opened connection counts as approved), and where grants are
/// required the caller needs an unexpired one; pending and denied columns do not exist; PII columns are redacted
/// unless the caller holds an unexpired READ_PII grant for them. Deny reasons name the rule that decided.
/// </summary>
public sealed class AccessEvaluator(IGovernanceStore store, IOptions<GovernanceOptions> options, TimeProvider clock)
{
    private readonly IReadOnlySet<string> _opened = options.Value.OpenedConnections();

    /// <summary>True when the connection was opened on purpose by <see cref="GovernanceOptions.OpenConnections"/>: the one place that decides it.</summary>
    public bool IsOpened(string connection) => _opened.Contains(connection);

    /// <summary>True when the dataset's connection was opened on purpose.</summary>
    public bool IsOpened(Dataset dataset) => IsOpened(dataset.Catalog);

    /// <summary>A dataset's review state: its recorded review, else approved on an opened connection, else pending (default closed).</summary>
    public ReviewState DatasetState(string connection, DatasetPolicy? policy) =>
        policy?.Review?.State ?? (IsOpened(connection) ? ReviewState.Approved : ReviewState.Pending);

    /// <summary>A column's review state, by the same rule as <see cref="DatasetState"/>.</summary>
    public ReviewState ColumnState(string connection, DatasetPolicy? policy, string column) =>
        policy is not null && policy.Columns.TryGetValue(column, out var review) ? review.State
        : IsOpened(connection) ? ReviewState.Approved : ReviewState.Pending;

    /// <summary>Loads the dataset's policy and the caller's unexpired grants on it, and decides.</summary>
    public async Task<DatasetAccess> EvaluateAsync(Caller caller, Dataset dataset, CancellationToken cancellationToken)
    {
        var policy = await store.GetPolicyAsync(dataset.Urn, cancellationToken);
        var grants = await store.ListGrantsAsync(new GrantFilter { DatasetUrn = dataset.Urn, ActiveAt = clock.GetUtcNow(), First = 1000 }, cancellationToken);
        return Evaluate(caller, dataset, policy, grants);
    }

    /// <summary>Decides for many datasets at once (search results, lists): two store reads whatever the count.</summary>
    public async Task<IReadOnlyDictionary<string, DatasetAccess>> EvaluateManyAsync(Caller caller, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken)
    {
        var policies = await store.GetPoliciesAsync(datasets.Select(d => d.Urn).ToList(), cancellationToken);
        var grants = caller.IsAuthenticated
            ? (await store.ListGrantsAsync(new GrantFilter { ActiveAt = clock.GetUtcNow(), First = 1000 }, cancellationToken)).Where(g => g.Covers(caller.UserName, caller.Groups)).ToList()
            : [];
        return datasets.DistinctBy(d => d.Urn).ToDictionary(
            d => d.Urn,
            d => Evaluate(caller, d, policies.GetValueOrDefault(d.Urn) ?? DatasetPolicy.Unregistered(d.Urn), grants.Where(g => g.DatasetUrn == d.Urn).ToList()),
            StringComparer.Ordinal);
    }

    /// <summary>The decision from a loaded policy and the dataset's grants (expired, revoked and other people's grants are ignored here).</summary>
    public DatasetAccess Evaluate(Caller caller, Dataset dataset, DatasetPolicy policy, IReadOnlyList<Grant> grants)
    {
        var now = clock.GetUtcNow();
        var mine = caller.IsAuthenticated ? grants.Where(g => g.IsActive(now) && g.Covers(caller.UserName, caller.Groups)).ToList() : [];
        var state = DatasetState(dataset.Catalog, policy);
        var request = $"request access to {dataset.Name} (GraphQL requestAccess or the dataset's page), naming the reason and how long you need it; a reviewer ({ReviewersHint}) decides";

        string? denial = null;
        if (!caller.IsAuthenticated)
        {
            denial = "sign in to query datasets";
        }
        else if (state == ReviewState.Pending)
        {
            denial = $"{dataset.Name} is pending review and cannot be queried until a reviewer approves it";
        }
        else if (state == ReviewState.Denied)
        {
            denial = $"a reviewer denied {dataset.Name} for querying" + (policy.Review?.Note is { Length: > 0 } note ? $" ({note})" : "");
        }
        else if (options.Value.RequireGrants && mine.Count == 0)
        {
            denial = $"{dataset.Name} needs a grant and you hold no unexpired one";
        }

        var pending = new List<string>();
        var denied = new List<string>();
        var visible = new List<string>();
        var granted = options.Value.RequireGrants && mine.All(g => g.Columns.Count > 0)
            ? mine.SelectMany(g => g.Columns).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null;
        foreach (var column in dataset.Columns.OrderBy(c => c.Ordinal).Select(c => c.Name))
        {
            var columnState = ColumnState(dataset.Catalog, policy, column);
            if (columnState == ReviewState.Pending)
            {
                pending.Add(column);
            }
            else if (columnState == ReviewState.Denied)
            {
                denied.Add(column);
            }
            else if (granted is null || granted.Contains(column))
            {
                visible.Add(column);
            }
        }

        var pii = visible.Where(policy.IsPii).ToList();
        var piiGrants = mine.Where(g => g.Level == AccessLevel.ReadPii).ToList();
        var unlockable = pii.Where(c => piiGrants.Any(g => g.Columns.Count == 0 || g.Columns.Contains(c, StringComparer.OrdinalIgnoreCase))).ToList();
        return new DatasetAccess
        {
            DatasetUrn = dataset.Urn,
            DatasetName = dataset.Name,
            State = state,
            CanQuery = denial is null,
            Denial = denial,
            Request = request,
            VisibleColumns = visible,
            PendingColumns = pending,
            DeniedColumns = denied,
            PiiColumns = pii,
            UnlockableColumns = unlockable,
        };
    }

    private string ReviewersHint => string.IsNullOrWhiteSpace(options.Value.Reviewers) ? "an administrator" : options.Value.Reviewers!;
}
