using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>
/// Governance in GraphQL: the caller's access on every dataset (<c>Dataset.access</c>), the review queue, grants,
/// requests and the audit trail; mutations to review, classify, grant, revoke, request and decide.
/// </summary>
public static class GovernanceOperations
{
    public static void AddGovernanceQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReviewItemGraphType>>>>("reviewQueue")
            .Description("Datasets with something to review (the dataset, a column, or a scanner finding), oldest first. Reviewers only.")
            .Argument<IntGraphType>("first", "How many (default 50, at most 1000).", a => a.DefaultValue = 50)
            .ResolveAsync(async c =>
            {
                var service = c.Service<GovernanceService>();
                var datasets = await service.ReviewQueueAsync(c.Caller(), c.GetArgument("first", 50), c.CancellationToken);
                var policies = await c.Service<IGovernanceStore>().GetPoliciesAsync(datasets.Select(d => d.Urn).ToList(), c.CancellationToken);
                return datasets.Select(d => new ReviewItem(d, policies.GetValueOrDefault(d.Urn) ?? DatasetPolicy.Unregistered(d.Urn))).ToList();
            });
        query.Field<ReviewItemGraphType>("datasetReview")
            .Description("One dataset's review state with every column's review and classification. Reviewers only.")
            .Argument<NonNullGraphType<StringGraphType>>("urn", "The dataset's URN.")
            .ResolveAsync(async c => await ReviewItemAsync(c, c.GetArgument<string>("urn")));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GrantGraphType>>>>("grants")
            .Description("Grants, newest first: reviewers see all, others their own (as user or through their groups).")
            .Argument<StringGraphType>("datasetUrn", "Only grants on this dataset.")
            .Argument<BooleanGraphType>("activeOnly", "Only grants that work now (default true).", a => a.DefaultValue = true)
            .ResolveAsync(async c => await c.Service<GovernanceService>().ListGrantsAsync(c.Caller(), c.GetArgument<string?>("datasetUrn"), c.GetArgument("activeOnly", true), c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRequestGraphType>>>>("accessRequests")
            .Description("Access requests, newest first: reviewers see all, others their own.")
            .Argument<StringGraphType>("datasetUrn", "Only requests for this dataset.")
            .Argument<RequestStateEnum>("state", "Only requests in this state.")
            .ResolveAsync(async c => await c.Service<GovernanceService>().ListRequestsAsync(c.Caller(), c.GetArgument<string?>("datasetUrn"), c.GetArgument<RequestState?>("state"), false, c.CancellationToken));
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GovernanceEventGraphType>>>>("governanceAudit")
            .Description("The governance audit trail (reviews, grants, requests, PII unlocks, refused queries), newest first: reviewers read all, others their own.")
            .Argument<StringGraphType>("user", "Only entries where this user acted or was acted for.")
            .Argument<StringGraphType>("datasetUrn", "Only entries about this dataset.")
            .Argument<GovernanceEventKindEnum>("kind", "Only entries of this kind.")
            .Argument<DateTimeGraphType>("from", "Only entries at or after this time.")
            .Argument<DateTimeGraphType>("to", "Only entries before this time.")
            .Argument<IntGraphType>("first", "How many (default 100, at most 1000).", a => a.DefaultValue = 100)
            .ResolveAsync(async c => await c.Service<GovernanceService>().AuditAsync(c.Caller(), new GovernanceEventFilter
            {
                User = c.GetArgument<string?>("user"),
                DatasetUrn = c.GetArgument<string?>("datasetUrn"),
                Kind = c.GetArgument<GovernanceEventKind?>("kind"),
                From = At(c.GetArgument<DateTime?>("from")),
                To = At(c.GetArgument<DateTime?>("to")),
                First = c.GetArgument("first", 100),
            }, c.CancellationToken));
    }

    public static void AddGovernanceMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ReviewItemGraphType>>("reviewDataset")
            .Description("Approves, denies or returns a dataset to pending; by default its pending columns take the same state. Reviewers only.")
            .Argument<NonNullGraphType<StringGraphType>>("urn", "The dataset's URN.")
            .Argument<NonNullGraphType<ReviewStateEnum>>("state", "The new state.")
            .Argument<StringGraphType>("note", "Why (recorded).")
            .Argument<BooleanGraphType>("includePendingColumns", "Also set every pending column (default true).", a => a.DefaultValue = true)
            .ResolveAsync(async c =>
            {
                var urn = c.GetArgument<string>("urn");
                await c.Service<GovernanceService>().ReviewDatasetAsync(c.Caller(), urn, c.GetArgument<ReviewState>("state"), c.GetArgument<string?>("note"), c.GetArgument("includePendingColumns", true), c.CancellationToken);
                return await ReviewItemAsync(c, urn);
            });
        mutation.Field<NonNullGraphType<ReviewItemGraphType>>("reviewColumn")
            .Description("Approves, denies or returns one column to pending; approving confirms its classification. Reviewers only.")
            .Argument<NonNullGraphType<StringGraphType>>("urn", "The dataset's URN.")
            .Argument<NonNullGraphType<StringGraphType>>("column", "The column.")
            .Argument<NonNullGraphType<ReviewStateEnum>>("state", "The new state.")
            .Argument<StringGraphType>("note", "Why (recorded).")
            .ResolveAsync(async c =>
            {
                var urn = c.GetArgument<string>("urn");
                await c.Service<GovernanceService>().ReviewColumnAsync(c.Caller(), urn, c.GetArgument<string>("column"), c.GetArgument<ReviewState>("state"), c.GetArgument<string?>("note"), c.CancellationToken);
                return await ReviewItemAsync(c, urn);
            });
        mutation.Field<NonNullGraphType<ReviewItemGraphType>>("classifyColumn")
            .Description("Sets a column's category as a person (an override no rescan reverts; NONE says not personal data). Reviewers only.")
            .Argument<NonNullGraphType<StringGraphType>>("urn", "The dataset's URN.")
            .Argument<NonNullGraphType<StringGraphType>>("column", "The column.")
            .Argument<NonNullGraphType<PiiCategoryEnum>>("category", "The category.")
            .Argument<StringGraphType>("note", "Why (recorded).")
            .ResolveAsync(async c =>
            {
                var urn = c.GetArgument<string>("urn");
                await c.Service<GovernanceService>().ClassifyColumnAsync(c.Caller(), urn, c.GetArgument<string>("column"), c.GetArgument<PiiCategory>("category"), c.GetArgument<string?>("note"), c.CancellationToken);
                return await ReviewItemAsync(c, urn);
            });
        mutation.Field<NonNullGraphType<GrantGraphType>>("grantAccess")
            .Description("Grants a user or group time-bound access to a dataset (optionally some columns). Reviewers only; the expiry is required.")
            .Argument<NonNullGraphType<PrincipalKindEnum>>("principalKind", "USER or GROUP.")
            .Argument<NonNullGraphType<StringGraphType>>("principal", "The user or group name.")
            .Argument<NonNullGraphType<StringGraphType>>("datasetUrn", "The dataset's URN.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("columns", "Only these columns (default all).")
            .Argument<NonNullGraphType<AccessLevelEnum>>("level", "READ or READ_PII.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("expiresAt", "When it stops working (in the future, within TownLake:Governance:MaxGrantDuration).")
            .Argument<NonNullGraphType<StringGraphType>>("reason", "Why (recorded).")
            .ResolveAsync(async c => await c.Service<GovernanceService>().GrantAsync(c.Caller(), c.GetArgument<PrincipalKind>("principalKind"), c.GetArgument<string>("principal"),
                c.GetArgument<string>("datasetUrn"), c.GetArgument<List<string>?>("columns"), c.GetArgument<AccessLevel>("level"),
                At(c.GetArgument<DateTime>("expiresAt"))!.Value, c.GetArgument<string>("reason"), c.CancellationToken));
        mutation.Field<NonNullGraphType<GrantGraphType>>("revokeGrant").Description("Revokes a grant at once. Reviewers only.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The grant's id.")
            .ResolveAsync(async c => await c.Service<GovernanceService>().RevokeAsync(c.Caller(), c.GetArgument<string>("id"), c.CancellationToken));
        mutation.Field<NonNullGraphType<AccessRequestGraphType>>("requestAccess")
            .Description("Asks reviewers for access to a dataset, with the reason and how long you need it.")
            .Argument<NonNullGraphType<StringGraphType>>("datasetUrn", "The dataset's URN.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("columns", "Only these columns (default all).")
            .Argument<AccessLevelEnum>("level", "READ (default) or READ_PII.", a => a.DefaultValue = AccessLevel.Read)
            .Argument<NonNullGraphType<StringGraphType>>("reason", "What you are working on.")
            .Argument<NonNullGraphType<IntGraphType>>("durationMinutes", "How long you need access.")
            .ResolveAsync(async c => await c.Service<GovernanceService>().RequestAccessAsync(c.Caller(), c.GetArgument<string>("datasetUrn"), c.GetArgument<List<string>?>("columns"),
                c.GetArgument("level", AccessLevel.Read), c.GetArgument<string>("reason"), Minutes(c.GetArgument<int>("durationMinutes")), c.CancellationToken));
        mutation.Field<NonNullGraphType<AccessRequestGraphType>>("approveAccessRequest")
            .Description("Approves a pending request: a grant runs from now for the duration asked (or durationMinutes). Reviewers only, never on their own request.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The request's id.")
            .Argument<StringGraphType>("note", "Note to the requester (recorded).")
            .Argument<IntGraphType>("durationMinutes", "A different duration than asked.")
            .ResolveAsync(async c => await c.Service<GovernanceService>().ApproveRequestAsync(c.Caller(), c.GetArgument<string>("id"), c.GetArgument<string?>("note"),
                c.GetArgument<int?>("durationMinutes") is { } minutes ? Minutes(minutes) : null, c.CancellationToken));
        mutation.Field<NonNullGraphType<AccessRequestGraphType>>("denyAccessRequest")
            .Description("Denies a pending request with a note. Reviewers only, never on their own request.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The request's id.")
            .Argument<StringGraphType>("note", "Why (recorded).")
            .ResolveAsync(async c => await c.Service<GovernanceService>().DenyRequestAsync(c.Caller(), c.GetArgument<string>("id"), c.GetArgument<string?>("note"), c.CancellationToken));
    }

    /// <summary>Adds <c>access: DatasetAccess!</c> to the dataset type.</summary>
    public static void AddAccessField(ObjectGraphType<Dataset> dataset)
    {
        dataset.Field<NonNullGraphType<DatasetAccessGraphType>>("access").Description("What you may do with this dataset: query it, see its PII, or how to request access.")
            .Resolve(c =>
            {
                var seesHidden = GovernedColumns.SeesHidden(c, c.Source);
                return c.Loader<DatasetAccessLoader>().Load(c.Caller(), c.Source).Then(access => new AccessView(access, seesHidden));
            });
    }

    /// <summary>Adds the caller's governance fields to <c>me</c>: reviewer role, grants and requests.</summary>
    public static void AddCallerFields(ObjectGraphType<Caller> caller)
    {
        caller.Field<NonNullGraphType<BooleanGraphType>>("isReviewer").Description("True when you may review, classify, grant and decide requests.")
            .Resolve(c => c.Service<GovernanceService>().IsReviewer(c.Source));
        caller.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GrantGraphType>>>>("grants").Description("Your grants that work now (as user or through your groups).")
            .ResolveAsync(async c => c.Source.IsAuthenticated
                ? (await c.Service<IGovernanceStore>().ListGrantsAsync(new GrantFilter { ActiveAt = c.Service<TimeProvider>().GetUtcNow(), First = 1000 }, c.CancellationToken))
                    .Where(g => g.Covers(c.Source.UserName, c.Source.Groups)).ToList()
                : []);
        caller.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccessRequestGraphType>>>>("requests").Description("Your access requests, newest first.")
            .ResolveAsync(async c => c.Source.IsAuthenticated
                ? await c.Service<GovernanceService>().ListRequestsAsync(c.Source, null, null, true, c.CancellationToken)
                : []);
    }

    private static async Task<ReviewItem> ReviewItemAsync(IResolveFieldContext c, string urn)
    {
        if (!c.Service<GovernanceService>().IsReviewer(c.Caller()))
        {
            throw CatalogException.Forbidden($"{c.Caller().UserName} may not read review details: that needs the reviewer role ({GovernanceOptions.Section}:Reviewers).");
        }

        var dataset = await c.Service<DatasetService>().GetAsync(urn, c.CancellationToken);
        return new ReviewItem(dataset, await c.Service<IGovernanceStore>().GetPolicyAsync(dataset.Urn, c.CancellationToken));
    }

    private static TimeSpan Minutes(int minutes) => minutes > 0 ? TimeSpan.FromMinutes(minutes) : throw CatalogException.BadInput("durationMinutes must be positive.");

    private static DateTimeOffset? At(DateTime? value) => value is { } v
        ? new DateTimeOffset(v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime())
        : null;
}
