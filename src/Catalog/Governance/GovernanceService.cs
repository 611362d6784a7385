using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Governance;

/// <summary>
/// Reviews, classifications, grants and access requests as callers ask for them: checks who may (reviewers decide,
/// anyone signed in requests, nobody decides their own request), validates what they send (a reason, an expiry in the
/// future and within <see cref="GovernanceOptions.MaxGrantDuration"/>, columns the dataset has), and writes through
/// <see cref="IGovernanceStore"/>, which records each change in the audit trail.
/// </summary>
public sealed class GovernanceService(
    IGovernanceStore store,
    IEntityStore entities,
    DatasetService datasets,
    GovernanceRegistrar registrar,
    AccessEvaluator evaluator,
    IOptions<GovernanceOptions> options,
    TimeProvider clock)
{
    private const int MaxPrincipalLength = 256;
    private const int MaxColumns = 1000;
    private readonly Users.RoleMembers _reviewers = new(options.Value.Reviewers);

    /// <summary>True for reviewers (<see cref="GovernanceOptions.Reviewers"/>) and administrators.</summary>
    public bool IsReviewer(Caller caller) => caller.IsAuthenticated && (caller.IsAdmin || _reviewers.Includes(caller.UserName, caller.Groups));

    /// <summary>The caller's access to a dataset (the front door's answer).</summary>
    public Task<DatasetAccess> AccessAsync(Caller caller, Dataset dataset, CancellationToken cancellationToken) =>
        evaluator.EvaluateAsync(caller, dataset, cancellationToken);

    public async Task<DatasetPolicy> ReviewDatasetAsync(Caller caller, string datasetUrn, ReviewState state, string? note, bool alsoPendingColumns, CancellationToken cancellationToken)
    {
        EnsureReviewer(caller, "review datasets");
        var dataset = await datasets.GetAsync(datasetUrn, cancellationToken);
        // Registered first, so the registrar never later mistakes this dataset's columns for new ones.
        await registrar.RegisterAsync(dataset, cancellationToken);
        return await store.ReviewDatasetAsync(dataset.Urn, state, caller.UserName, Note(note), alsoPendingColumns, cancellationToken);
    }

    public async Task<DatasetPolicy> ReviewColumnAsync(Caller caller, string datasetUrn, string column, ReviewState state, string? note, CancellationToken cancellationToken)
    {
        EnsureReviewer(caller, "review columns");
        var dataset = await datasets.GetAsync(datasetUrn, cancellationToken);
        var name = ColumnOf(dataset, column);
        await registrar.RegisterAsync(dataset, cancellationToken);
        return await store.ReviewColumnAsync(dataset.Urn, name, state, caller.UserName, Note(note), cancellationToken);
    }

    public async Task<DatasetPolicy> ClassifyColumnAsync(Caller caller, string datasetUrn, string column, PiiCategory category, string? note, CancellationToken cancellationToken)
    {
        EnsureReviewer(caller, "classify columns");
        var dataset = await datasets.GetAsync(datasetUrn, cancellationToken);
        var name = ColumnOf(dataset, column);
        await registrar.RegisterAsync(dataset, cancellationToken);
        return await store.ClassifyColumnAsync(dataset.Urn, name, category, caller.UserName, Note(note), cancellationToken);
    }

    public async Task<Grant> GrantAsync(Caller caller, PrincipalKind kind, string principal, string datasetUrn, IReadOnlyList<string>? columns,
        AccessLevel level, DateTimeOffset expiresAt, string reason, CancellationToken cancellationToken)
    {
        EnsureReviewer(caller, "grant access");
        var dataset = await datasets.GetAsync(datasetUrn, cancellationToken);
        var now = clock.GetUtcNow();
        EnsureExpiry(expiresAt, now);
        var grant = new Grant
        {
            Id = Guid.NewGuid().ToString("N"),
            PrincipalKind = kind,
            Principal = Principal(principal),
            DatasetUrn = dataset.Urn,
            Columns = Columns(dataset, columns),
            Level = level,
            ExpiresAt = expiresAt,
            Reason = Reason(reason),
            GrantedBy = caller.UserName,
            GrantedAt = now,
        };
        await store.SaveGrantAsync(grant, cancellationToken);
        return grant;
    }

    public async Task<Grant> RevokeAsync(Caller caller, string grantId, CancellationToken cancellationToken)
    {
        EnsureReviewer(caller, "revoke grants");
        return await store.RevokeGrantAsync(Id(grantId), caller.UserName, clock.GetUtcNow(), cancellationToken)
            ?? throw CatalogException.NotFound($"No grant {InputEcho.Quote(grantId)}.");
    }

    public async Task<AccessRequest> RequestAccessAsync(Caller caller, string datasetUrn, IReadOnlyList<string>? columns, AccessLevel level, string reason, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (!caller.IsAuthenticated)
        {
            throw CatalogException.Forbidden($"{caller.UserName} may not request access: sign in first.");
        }

        var dataset = await datasets.GetAsync(datasetUrn, cancellationToken);
        EnsureDuration(duration);
        var pending = await store.ListRequestsAsync(new RequestFilter { Requester = caller.UserName, DatasetUrn = dataset.Urn, State = RequestState.Pending, First = 1 }, cancellationToken);
        if (pending.Count > 0)
        {
            throw CatalogException.Conflict($"You already have a pending request for {dataset.Name} ({pending[0].Id}); a reviewer will decide it.");
        }

        var request = new AccessRequest
        {
            Id = Guid.NewGuid().ToString("N"),
            Requester = caller.UserName,
            DatasetUrn = dataset.Urn,
            Columns = Columns(dataset, columns),
            Level = level,
            Reason = Reason(reason),
            Duration = duration,
            RequestedAt = clock.GetUtcNow(),
        };
        await store.SaveRequestAsync(request, cancellationToken);
        return request;
    }

    /// <summary>Approves a pending request: the grant runs from now for the duration asked (or a shorter one the reviewer sets).</summary>
    public async Task<AccessRequest> ApproveRequestAsync(Caller caller, string requestId, string? note, TimeSpan? duration, CancellationToken cancellationToken)
    {
        var request = await DecidableAsync(caller, requestId, cancellationToken);
        var granted = duration ?? request.Duration;
        EnsureDuration(granted);
        var now = clock.GetUtcNow();
        var grant = new Grant
        {
            Id = Guid.NewGuid().ToString("N"),
            PrincipalKind = PrincipalKind.User,
            Principal = request.Requester,
            DatasetUrn = request.DatasetUrn,
            Columns = request.Columns,
            Level = request.Level,
            ExpiresAt = now + granted,
            Reason = request.Reason,
            GrantedBy = caller.UserName,
            GrantedAt = now,
            RequestId = request.Id,
        };
        return await store.DecideRequestAsync(request.Id, caller.UserName, now, Note(note), grant, cancellationToken)
            ?? throw CatalogException.NotFound($"No access request {InputEcho.Quote(requestId)}.");
    }

    public async Task<AccessRequest> DenyRequestAsync(Caller caller, string requestId, string? note, CancellationToken cancellationToken)
    {
        var request = await DecidableAsync(caller, requestId, cancellationToken);
        return await store.DecideRequestAsync(request.Id, caller.UserName, clock.GetUtcNow(), Note(note), null, cancellationToken)
            ?? throw CatalogException.NotFound($"No access request {InputEcho.Quote(requestId)}.");
    }

    /// <summary>Grants: reviewers see any; others only their own (as user or through their groups).</summary>
    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(Caller caller, string? datasetUrn, bool activeOnly, CancellationToken cancellationToken)
    {
        EnsureSignedIn(caller);
        var grants = await store.ListGrantsAsync(new GrantFilter { DatasetUrn = datasetUrn, ActiveAt = activeOnly ? clock.GetUtcNow() : null, First = 1000 }, cancellationToken);
        return IsReviewer(caller) ? grants : grants.Where(g => g.Covers(caller.UserName, caller.Groups)).ToList();
    }

    /// <summary>Requests: reviewers see any; others only their own.</summary>
    public Task<IReadOnlyList<AccessRequest>> ListRequestsAsync(Caller caller, string? datasetUrn, RequestState? state, bool mineOnly, CancellationToken cancellationToken)
    {
        EnsureSignedIn(caller);
        var requester = mineOnly || !IsReviewer(caller) ? caller.UserName : null;
        return store.ListRequestsAsync(new RequestFilter { Requester = requester, DatasetUrn = datasetUrn, State = state, First = 500 }, cancellationToken);
    }

    /// <summary>The review queue (reviewers only).</summary>
    public async Task<IReadOnlyList<Dataset>> ReviewQueueAsync(Caller caller, int first, CancellationToken cancellationToken)
    {
        EnsureReviewer(caller, "read the review queue");
        var urns = await store.ListReviewQueueAsync(first, cancellationToken);
        var result = new List<Dataset>();
        foreach (var urn in urns)
        {
            if (await entities.GetAsync<Dataset>(urn, cancellationToken) is { Removed: false } dataset)
            {
                result.Add(dataset);
            }
        }

        return result;
    }

    /// <summary>The audit trail: reviewers read everyone's; others only entries where they are the actor or the subject.</summary>
    public Task<IReadOnlyList<GovernanceEvent>> AuditAsync(Caller caller, GovernanceEventFilter filter, CancellationToken cancellationToken)
    {
        EnsureSignedIn(caller);
        if (!IsReviewer(caller))
        {
            if (filter.User is not null && filter.User != caller.UserName)
            {
                throw CatalogException.Forbidden($"{caller.UserName} may read only their own governance audit entries; reviewers read everyone's.");
            }

            filter = filter with { User = caller.UserName };
        }

        return store.ListEventsAsync(filter, cancellationToken);
    }

    private async Task<AccessRequest> DecidableAsync(Caller caller, string requestId, CancellationToken cancellationToken)
    {
        EnsureReviewer(caller, "decide access requests");
        var request = await store.GetRequestAsync(Id(requestId), cancellationToken)
            ?? throw CatalogException.NotFound($"No access request {InputEcho.Quote(requestId)}.");
        if (request.Requester == caller.UserName)
        {
            throw CatalogException.Forbidden($"{caller.UserName} may not decide their own access request: another reviewer must.");
        }

        return request;
    }

    private void EnsureReviewer(Caller caller, string what)
    {
        EnsureSignedIn(caller);
        if (!IsReviewer(caller))
        {
            throw CatalogException.Forbidden($"{caller.UserName} may not {what}: that needs the reviewer role ({GovernanceOptions.Section}:Reviewers) or the admin role.");
        }
    }

    private static void EnsureSignedIn(Caller caller)
    {
        if (!caller.IsAuthenticated)
        {
            throw CatalogException.Forbidden($"{caller.UserName} may not use governance: sign in first.");
        }
    }

    private void EnsureExpiry(DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (expiresAt <= now)
        {
            throw CatalogException.BadInput($"The grant's expiry {expiresAt:u} is not in the future; grants are time-bound, give an expiry after now.");
        }

        if (expiresAt - now > options.Value.MaxGrantDuration)
        {
            throw CatalogException.BadInput($"The grant's expiry {expiresAt:u} is further away than the longest grant allowed ({options.Value.MaxGrantDuration.TotalDays:0.#} days, {GovernanceOptions.Section}:MaxGrantDuration).");
        }
    }

    private void EnsureDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > options.Value.MaxGrantDuration)
        {
            throw CatalogException.BadInput($"The duration must be positive and at most {options.Value.MaxGrantDuration.TotalDays:0.#} days ({GovernanceOptions.Section}:MaxGrantDuration).");
        }
    }

    private string Reason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw CatalogException.BadInput("A reason is required (what you are working on, e.g. a ticket); it is recorded in the audit trail.");
        }

        return Note(reason)!;
    }

    private string? Note(string? note)
    {
        if (note is not null && note.Length > options.Value.MaxReasonLength)
        {
            throw CatalogException.BadInput($"The reason or note is longer than {options.Value.MaxReasonLength} characters.");
        }

        return string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    private static string Principal(string? principal)
    {
        if (string.IsNullOrWhiteSpace(principal) || principal.Length > MaxPrincipalLength || principal.Any(char.IsControl))
        {
            throw CatalogException.BadInput($"The principal must be a user or group name of 1 to {MaxPrincipalLength} characters without control characters.");
        }

        return principal.Trim();
    }

    private static string Id(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            throw CatalogException.BadInput($"{InputEcho.Quote(id)} is not a grant or request id.");
        }

        return id;
    }

    private static string ColumnOf(Dataset dataset, string? column) =>
        (column is null ? null : dataset.FindColumn(column))?.Name
        ?? throw CatalogException.NotFound($"{dataset.Name} has no column {InputEcho.Quote(column)}.");

    private static IReadOnlyList<string> Columns(Dataset dataset, IReadOnlyList<string>? columns)
    {
        if (columns is null || columns.Count == 0)
        {
            return [];
        }

        if (columns.Count > MaxColumns)
        {
            throw CatalogException.BadInput($"At most {MaxColumns} columns can be named.");
        }

        return columns.Select(c => ColumnOf(dataset, c)).Distinct(StringComparer.Ordinal).ToList();
    }
}
