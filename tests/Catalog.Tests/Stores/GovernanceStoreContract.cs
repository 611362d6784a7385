using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// What every <see cref="IGovernanceStore"/> must do: datasets register default closed and new columns pending, reviews
/// and classifications read back with their history, a scanner never overwrites a person, grants expire and revoke,
/// requests are decided once, and the audit trail filters by user, dataset and time.
/// </summary>
public abstract class GovernanceStoreContract(IStoreDatabase database) : StoreContract(database)
{
    private static readonly string Orders = DatasetUrn("shop.main.orders");
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000);

    [SkippableFact]
    public async Task A_dataset_that_appears_is_pending_with_all_its_columns_and_a_later_column_is_pending_alone()
    {
        Assert.Null((await Governance.GetPolicyAsync(Orders, None)).Review);
        Assert.Equal(ReviewState.Pending, (await Governance.GetPolicyAsync(Orders, None)).State);

        var first = await Governance.RegisterDatasetAsync(Orders, ["id", "email"], ReviewState.Pending, "townlake", null, None);
        await Governance.ReviewDatasetAsync(Orders, ReviewState.Approved, "rita", "looks fine", alsoPendingColumns: true, None);
        var again = await Governance.RegisterDatasetAsync(Orders, ["ID", "email", "coupon"], ReviewState.Approved, "townlake", null, None);

        var policy = await Governance.GetPolicyAsync(Orders, None);
        Assert.Equal(["id", "email"], first);
        Assert.Equal(["coupon"], again);
        Assert.Equal(ReviewState.Approved, policy.State);
        Assert.Equal(new Review(ReviewState.Approved, "rita", T0, "looks fine"), policy.Review);
        Assert.Equal(ReviewState.Approved, policy.ColumnState("id"));
        Assert.Equal(ReviewState.Pending, policy.ColumnState("coupon"));
        Assert.Equal("new column", policy.Columns["coupon"].Note);
        Assert.Equal(ReviewState.Pending, policy.ColumnState("never-seen"));
    }

    [SkippableFact]
    public async Task An_opened_connection_registers_approved_and_says_why()
    {
        await Governance.RegisterDatasetAsync(Orders, ["id"], ReviewState.Approved, "townlake", "connection shop opened by TownLake:Governance:OpenConnections", None);

        var policy = await Governance.GetPolicyAsync(Orders, None);
        var events = await Governance.ListEventsAsync(new GovernanceEventFilter { DatasetUrn = Orders }, None);

        Assert.Equal(ReviewState.Approved, policy.ColumnState("id"));
        Assert.Contains("OpenConnections", policy.Review!.Note);
        Assert.Contains(events, e => e.Kind == GovernanceEventKind.DatasetRegistered && e.Summary.Contains("OpenConnections"));
    }

    [SkippableFact]
    public async Task Scanner_findings_are_unconfirmed_and_never_overwrite_a_persons_classification()
    {
        await Governance.RegisterDatasetAsync(Orders, ["email", "note"], ReviewState.Pending, "townlake", null, None);
        await Governance.ClassifyColumnAsync(Orders, "note", PiiCategory.None, "rita", "free text, checked", None);

        await Governance.RecordScannerFindingsAsync(Orders,
        [
            new ColumnFinding("email", PiiCategory.Email, 0.97, ["email-syntax", "name-hint"], 0.99),
            new ColumnFinding("NOTE", PiiCategory.PersonName, 0.6, ["name-dictionary"], 0.4),
            new ColumnFinding("phone", PiiCategory.Phone, 0.9, ["e164"], 0.95),
        ], None);
        var policy = await Governance.GetPolicyAsync(Orders, None);

        var email = policy.Classification("email")!;
        Assert.Equal((PiiCategory.Email, ClassificationSource.Scanner, false), (email.Category, email.Source, email.Confirmed));
        Assert.Equal(["email-syntax", "name-hint"], email.Detectors);
        Assert.Equal(0.99, email.MatchRatio, 6);
        Assert.Equal(0.97, email.Confidence, 6);
        var note = policy.Classification("note")!;
        Assert.Equal((PiiCategory.None, ClassificationSource.Person, true, "rita"), (note.Category, note.Source, note.Confirmed, note.ClassifiedBy));
        Assert.Equal(ReviewState.Pending, policy.ColumnState("phone"));
        Assert.True(policy.IsPii("phone"));
        Assert.Equal([Orders], await Governance.ListReviewQueueAsync(10, None));
    }

    [SkippableFact]
    public async Task Approving_a_column_confirms_its_finding_and_empties_the_queue()
    {
        await Governance.RegisterDatasetAsync(Orders, ["email"], ReviewState.Approved, "townlake", null, None);
        await Governance.RecordScannerFindingsAsync(Orders, [new ColumnFinding("email", PiiCategory.Email, 0.97, ["email-syntax"], 0.99)], None);
        Assert.Equal([Orders], await Governance.ListReviewQueueAsync(10, None));

        var policy = await Governance.ReviewColumnAsync(Orders, "email", ReviewState.Approved, "rita", null, None);

        Assert.True(policy.Classification("email")!.Confirmed);
        Assert.Empty(await Governance.ListReviewQueueAsync(10, None));
    }

    [SkippableFact]
    public async Task Denying_a_dataset_keeps_the_denial_and_its_columns_stay_hidden()
    {
        await Governance.RegisterDatasetAsync(Orders, ["id"], ReviewState.Pending, "townlake", null, None);

        await Governance.ReviewDatasetAsync(Orders, ReviewState.Denied, "rita", "raw dump, not for analysis", alsoPendingColumns: true, None);
        var reopened = await Governance.GetPoliciesAsync([Orders, DatasetUrn("shop.main.other")], None);

        Assert.Equal(ReviewState.Denied, reopened[Orders].State);
        Assert.Equal(ReviewState.Denied, reopened[Orders].ColumnState("id"));
        Assert.False(reopened.ContainsKey(DatasetUrn("shop.main.other")));
    }

    [SkippableFact]
    public async Task Grants_list_by_principal_and_dataset_and_drop_out_when_expired_or_revoked()
    {
        var grant = Grant("g1", "alice", T0.AddHours(1));
        await Governance.SaveGrantAsync(grant, None);
        await Governance.SaveGrantAsync(Grant("g2", "bob", T0.AddSeconds(1)), None);
        await Governance.SaveGrantAsync(Grant("g3", "analysts", T0.AddDays(1)) with { PrincipalKind = PrincipalKind.Group, Columns = ["id", "total"] }, None);

        var alice = await Governance.ListGrantsAsync(new GrantFilter { PrincipalKind = PrincipalKind.User, Principal = "alice" }, None);
        var activeLater = await Governance.ListGrantsAsync(new GrantFilter { DatasetUrn = Orders, ActiveAt = T0.AddSeconds(2) }, None);
        var revoked = await Governance.RevokeGrantAsync("g1", "rita", T0.AddMinutes(1), None);
        var activeAfterRevoke = await Governance.ListGrantsAsync(new GrantFilter { DatasetUrn = Orders, ActiveAt = T0.AddMinutes(2) }, None);

        Assert.Equivalent(grant, Assert.Single(alice), strict: true);
        Assert.Equal(["g1", "g3"], activeLater.Select(g => g.Id).Order());
        Assert.Equal(("rita", T0.AddMinutes(1)), (revoked!.RevokedBy, revoked.RevokedAt!.Value));
        Assert.Equal(["g3"], activeAfterRevoke.Select(g => g.Id));
        Assert.Equal(["id", "total"], (await Governance.GetGrantAsync("g3", None))!.Columns);
        Assert.Null(await Governance.RevokeGrantAsync("missing", "rita", T0, None));
    }

    [SkippableFact]
    public async Task Approving_a_request_writes_its_grant_in_the_same_step_and_a_decided_request_cannot_be_decided_again()
    {
        var request = new AccessRequest
        {
            Id = "r1", Requester = "alice", DatasetUrn = Orders, Columns = ["email"], Level = AccessLevel.ReadPii,
            Reason = "churn analysis TICKET-1", Duration = TimeSpan.FromHours(8), RequestedAt = T0,
        };
        await Governance.SaveRequestAsync(request, None);
        await Governance.SaveRequestAsync(request with { Id = "r2", Requester = "bob" }, None);

        var approved = await Governance.DecideRequestAsync("r1", "rita", T0.AddMinutes(5), "ok for a day", Grant("g-r1", "alice", T0.AddHours(8)) with { RequestId = "r1" }, None);
        var denied = await Governance.DecideRequestAsync("r2", "rita", T0.AddMinutes(6), "no ticket", null, None);
        var twice = await Assert.ThrowsAsync<CatalogException>(() => Governance.DecideRequestAsync("r1", "rita", T0, null, null, None));

        Assert.Equal((RequestState.Approved, "g-r1", "rita"), (approved!.State, approved.GrantId, approved.DecidedBy));
        Assert.Equal("r1", (await Governance.GetGrantAsync("g-r1", None))!.RequestId);
        Assert.Equal((RequestState.Denied, "no ticket"), (denied!.State, denied.DecisionNote));
        Assert.Equal("CONFLICT", twice.Code);
        Assert.Equivalent(request with { State = RequestState.Approved, DecidedBy = "rita", DecidedAt = T0.AddMinutes(5), DecisionNote = "ok for a day", GrantId = "g-r1" },
            await Governance.GetRequestAsync("r1", None), strict: true);
        Assert.Equal(["r2"], (await Governance.ListRequestsAsync(new RequestFilter { State = RequestState.Denied }, None)).Select(r => r.Id));
        Assert.Equal(["r1"], (await Governance.ListRequestsAsync(new RequestFilter { Requester = "alice" }, None)).Select(r => r.Id));
        Assert.Null(await Governance.DecideRequestAsync("missing", "rita", T0, null, null, None));
    }

    [SkippableFact]
    public async Task The_audit_trail_filters_by_user_dataset_kind_and_time_newest_first()
    {
        await Governance.SaveGrantAsync(Grant("g1", "alice", T0.AddHours(1)), None);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Governance.RegisterDatasetAsync(DatasetUrn("shop.main.refunds"), ["id"], ReviewState.Pending, "townlake", null, None);
        await Governance.AppendEventAsync(new GovernanceEvent(0, T0.AddMinutes(2), "alice", GovernanceEventKind.PiiUnlocked, Orders, "email", null, "unlocked for TICKET-1"), None);
        await Governance.AppendEventAsync(new GovernanceEvent(0, T0.AddMinutes(3), "bob", GovernanceEventKind.QueryRefused, Orders, null, null, "not approved"), None);

        var alice = await Governance.ListEventsAsync(new GovernanceEventFilter { User = "alice" }, None);
        var orders = await Governance.ListEventsAsync(new GovernanceEventFilter { DatasetUrn = Orders, From = T0.AddMinutes(2) }, None);
        var refused = await Governance.ListEventsAsync(new GovernanceEventFilter { Kind = GovernanceEventKind.QueryRefused }, None);
        var early = await Governance.ListEventsAsync(new GovernanceEventFilter { To = T0.AddSeconds(1) }, None);

        Assert.Equal([GovernanceEventKind.PiiUnlocked, GovernanceEventKind.Granted], alice.Select(e => e.Kind));
        Assert.Equal(["bob", "alice"], orders.Select(e => e.Actor));
        Assert.Equal("not approved", Assert.Single(refused).Summary);
        Assert.Equal(GovernanceEventKind.Granted, Assert.Single(early).Kind);
        await Assert.ThrowsAsync<CatalogException>(() => Governance.ListEventsAsync(new GovernanceEventFilter { First = 5000 }, None));
    }

    [SkippableFact]
    public async Task States_are_stored_as_upper_case_names()
    {
        await Governance.SaveGrantAsync(Grant("g1", "alice", T0.AddHours(1)) with { Level = AccessLevel.ReadPii }, None);
        await Governance.RegisterDatasetAsync(Orders, ["id"], ReviewState.Pending, "townlake", null, None);

        Assert.Equal("READ_PII", await Database.ScalarAsync("SELECT level FROM governance_grants WHERE id = 'g1'"));
        Assert.Equal("PENDING", await Database.ScalarAsync("SELECT state FROM governance_reviews WHERE column_name = ''"));
    }

    private static Grant Grant(string id, string principal, DateTimeOffset expires) => new()
    {
        Id = id,
        PrincipalKind = PrincipalKind.User,
        Principal = principal,
        DatasetUrn = Orders,
        Level = AccessLevel.Read,
        ExpiresAt = expires,
        Reason = "quarterly report",
        GrantedBy = "rita",
        GrantedAt = T0,
    };
}

public sealed class SqliteGovernanceStoreTests() : GovernanceStoreContract(new SqliteStoreDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PostgresGovernanceStoreTests(PostgresFixture fixture) : GovernanceStoreContract(new PostgresStoreDatabase(fixture));
