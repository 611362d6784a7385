namespace TownLake.Catalog.Governance;

/// <summary>
/// The governance policy on the catalog store: reviews and classifications per dataset and column, grants, access
/// requests, and the governance audit trail. Every write records its event in the same transaction, so the history is
/// never missing a change that happened.
/// </summary>
public interface IGovernanceStore
{
    /// <summary>The policy of one dataset (<see cref="DatasetPolicy.Unregistered"/> when governance never saw it).</summary>
    Task<DatasetPolicy> GetPolicyAsync(string datasetUrn, CancellationToken cancellationToken);

    /// <summary>The policies of many datasets at once; unregistered ones are absent.</summary>
    Task<IReadOnlyDictionary<string, DatasetPolicy>> GetPoliciesAsync(IReadOnlyCollection<string> datasetUrns, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a dataset as it appears (default closed): the first time, the dataset and every column get
    /// <paramref name="initialState"/> (pending, or approved when its connection is opened on purpose, with
    /// <paramref name="note"/> saying so); later, only columns without a review are added, pending. Returns the columns added.
    /// </summary>
    Task<IReadOnlyList<string>> RegisterDatasetAsync(string datasetUrn, IReadOnlyList<string> columns, ReviewState initialState, string actor, string? note, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a dataset's review state; with <paramref name="alsoPendingColumns"/>, its pending columns take the same
    /// state (approving a table and its columns in one step). Approved columns' classifications become confirmed.
    /// </summary>
    Task<DatasetPolicy> ReviewDatasetAsync(string datasetUrn, ReviewState state, string reviewer, string? note, bool alsoPendingColumns, CancellationToken cancellationToken);

    /// <summary>Sets one column's review state; approving it confirms its classification.</summary>
    Task<DatasetPolicy> ReviewColumnAsync(string datasetUrn, string column, ReviewState state, string reviewer, string? note, CancellationToken cancellationToken);

    /// <summary>A person's classification of a column (an override no later scan reverts).</summary>
    Task<DatasetPolicy> ClassifyColumnAsync(string datasetUrn, string column, PiiCategory category, string person, string? note, CancellationToken cancellationToken);

    /// <summary>
    /// Records a scanner's findings for a dataset as unconfirmed classifications. A column a person classified keeps the
    /// person's classification; a column without a review is registered pending. Nothing sampled is stored.
    /// </summary>
    Task RecordScannerFindingsAsync(string datasetUrn, IReadOnlyList<ColumnFinding> findings, CancellationToken cancellationToken);

    /// <summary>Datasets with something to review (the dataset, a column, or an unconfirmed classification), oldest first.</summary>
    Task<IReadOnlyList<string>> ListReviewQueueAsync(int first, CancellationToken cancellationToken);

    /// <summary>Writes a new grant.</summary>
    Task SaveGrantAsync(Grant grant, CancellationToken cancellationToken);

    /// <summary>One grant by id, or null.</summary>
    Task<Grant?> GetGrantAsync(string id, CancellationToken cancellationToken);

    /// <summary>Revokes a grant; null when there is none with that id. Revoking a revoked grant changes nothing.</summary>
    Task<Grant?> RevokeGrantAsync(string id, string actor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Grants matching a filter, newest first.</summary>
    Task<IReadOnlyList<Grant>> ListGrantsAsync(GrantFilter filter, CancellationToken cancellationToken);

    /// <summary>Writes a new access request.</summary>
    Task SaveRequestAsync(AccessRequest request, CancellationToken cancellationToken);

    /// <summary>One access request by id, or null.</summary>
    Task<AccessRequest?> GetRequestAsync(string id, CancellationToken cancellationToken);

    /// <summary>Access requests matching a filter, newest first.</summary>
    Task<IReadOnlyList<AccessRequest>> ListRequestsAsync(RequestFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Decides a pending request: approved with <paramref name="grant"/> (written in the same transaction) or denied when
    /// it is null. CONFLICT when the request was already decided; null when there is no such request.
    /// </summary>
    Task<AccessRequest?> DecideRequestAsync(string id, string decider, DateTimeOffset at, string? note, Grant? grant, CancellationToken cancellationToken);

    /// <summary>Appends an entry to the audit trail (PII unlocks, refused queries).</summary>
    Task AppendEventAsync(GovernanceEvent entry, CancellationToken cancellationToken);

    /// <summary>Audit entries matching a filter, newest first.</summary>
    Task<IReadOnlyList<GovernanceEvent>> ListEventsAsync(GovernanceEventFilter filter, CancellationToken cancellationToken);
}
