using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>
/// The governance front door and the job page in headless Chromium, as two people of a team deployment: each browser
/// context sends its own identity headers through the loopback trusted proxy (<see cref="GovernanceCatalogFixture"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GovernanceUiTests(BrowserFixture browser, GovernanceCatalogFixture catalog) : IClassFixture<GovernanceCatalogFixture>
{
    private const string Reviewer = GovernanceCatalogFixture.Reviewer;
    private const string Analyst = GovernanceCatalogFixture.Analyst;

    [Fact]
    public Task Reviewer_approves_a_pending_table_and_its_columns_from_the_queue() => AsAsync(Reviewer, nameof(Reviewer_approves_a_pending_table_and_its_columns_from_the_queue), async page =>
    {
        const string pending = "demo.raw.customers_crm";
        await page.GotoAsync("/review");
        var item = page.Locator($"[data-testid=review-item][data-dataset='{pending}']");
        await Assertions.Expect(item).ToBeVisibleAsync();
        // Per column: the scanner's category, confidence and evidence (detectors, match ratio), never sampled values.
        var email = item.Locator("[data-testid=review-column][data-column=email]");
        // (The demo's findings, or the scanner's if it has sampled the table since: either way a category with evidence.)
        await Assertions.Expect(email).ToContainTextAsync("e-mail");
        await Assertions.Expect(email).ToContainTextAsync(new Regex(@"\d+% confident"));
        await Assertions.Expect(email).ToContainTextAsync(new Regex(@"[a-z-]+.* · \d+% of sampled values matched"));
        await Assertions.Expect(email).Not.ToContainTextAsync("@");

        // One column overridden in one click, then the table approved with its pending columns in one click, with a note.
        var phone = item.Locator("[data-testid=review-column][data-column=phone]");
        await phone.GetByRole(AriaRole.Combobox, new() { Name = "Category of phone" }).SelectOptionAsync("NONE");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Set category of phone" }).ClickAsync();
        await Assertions.Expect(phone).ToContainTextAsync($"set by {Reviewer}");
        await item.GetByTestId("review-note").FillAsync("CRM export checked with the CRM owners");
        await item.GetByTestId("approve-dataset").ClickAsync();
        await Assertions.Expect(item.Locator("[data-testid=review-column][data-state=PENDING]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("review-status")).ToContainTextAsync($"{pending}: approved");

        // The new column of an approved table is approved on its own, from the keyboard.
        var zones = page.Locator("[data-testid=review-item][data-dataset='demo.dim.zones']");
        var approveColumn = zones.GetByRole(AriaRole.Button, new() { Name = "Approve column created_date" });
        await approveColumn.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(zones.Locator("[data-testid=review-column][data-column=created_date][data-state=PENDING]")).ToHaveCountAsync(0);

        var review = await catalog.GraphQLAsync(Reviewer, """
            { crm: datasetReview(urn: "urn:tl:dataset:demo.raw.customers_crm") { state review { reviewer note } columns { name state classification { category source } } }
              zones: datasetReview(urn: "urn:tl:dataset:demo.dim.zones") { columns { name state } } }
            """);
        Assert.Equal("APPROVED", (string?)review["crm"]!["state"]);
        Assert.Equal(Reviewer, (string?)review["crm"]!["review"]!["reviewer"]);
        Assert.Equal("CRM export checked with the CRM owners", (string?)review["crm"]!["review"]!["note"]);
        Assert.All(review["crm"]!["columns"]!.AsArray(), c => Assert.Equal("APPROVED", (string?)c!["state"]));
        var phoneClass = review["crm"]!["columns"]!.AsArray().Single(c => (string?)c!["name"] == "phone")!["classification"]!;
        Assert.Equal(("NONE", "PERSON"), ((string?)phoneClass["category"], (string?)phoneClass["source"]));
        Assert.All(review["zones"]!["columns"]!.AsArray(), c => Assert.Equal("APPROVED", (string?)c!["state"]));
    });

    [Fact]
    public async Task User_requests_access_the_reviewer_grants_it_for_an_hour_and_the_query_then_works()
    {
        const string dataset = "demo.fct.arr_by_account";
        var sql = $"SELECT account_id FROM {dataset} ORDER BY account_id LIMIT 2";
        await AsAsync(Analyst, "request-" + nameof(User_requests_access_the_reviewer_grants_it_for_an_hour_and_the_query_then_works), async page =>
        {
            await page.GotoAsync("/query?sql=" + Uri.EscapeDataString(sql));
            await Assertions.Expect(page.GetByTestId("query-editor")).ToContainTextAsync("LIMIT 2");
            await page.GetByTestId("run-query").ClickAsync();
            await Assertions.Expect(page.GetByTestId("query-error").Or(page.Locator("[role=alert]")).First).ToContainTextAsync(new Regex("grant|access", RegexOptions.IgnoreCase));

            await page.GotoAsync("/dataset/" + dataset);
            await Assertions.Expect(page.GetByTestId("badge-cannot-query")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("access-denial")).ToContainTextAsync("grant");
            await page.GetByTestId("request-access").ClickAsync();
            await page.GetByTestId("request-reason").FillAsync("FIN-42: ARR review for the board pack");
            await page.GetByTestId("request-duration").SelectOptionAsync("60");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("my-pending-request").Or(page.GetByTestId("request-sent")).First).ToContainTextAsync("1 hour");
        });

        await AsAsync(Reviewer, "grant-" + nameof(User_requests_access_the_reviewer_grants_it_for_an_hour_and_the_query_then_works), async page =>
        {
            await page.GotoAsync("/review");
            var request = page.Locator($"[data-testid=access-request][data-requester={Analyst}][data-dataset='{dataset}']");
            await Assertions.Expect(request).ToContainTextAsync("FIN-42: ARR review for the board pack");
            await Assertions.Expect(request.GetByTestId("grant-duration")).ToHaveValueAsync("60");
            await request.GetByTestId("approve-request").ClickAsync();
            await Assertions.Expect(request).ToHaveCountAsync(0);
        });

        await AsAsync(Analyst, "query-" + nameof(User_requests_access_the_reviewer_grants_it_for_an_hour_and_the_query_then_works), async page =>
        {
            await page.GotoAsync("/access");
            var grant = page.Locator($"[data-testid=grant-row][data-dataset='{dataset}']");
            await Assertions.Expect(grant).ToContainTextAsync(new Regex("expires in (60|59) minutes"));
            await Assertions.Expect(page.Locator($"[data-testid=request-row][data-dataset='{dataset}']")).ToHaveAttributeAsync("data-state", "APPROVED");

            await page.GotoAsync("/query?sql=" + Uri.EscapeDataString(sql));
            await Assertions.Expect(page.GetByTestId("query-editor")).ToContainTextAsync("LIMIT 2");
            await page.GetByTestId("run-query").ClickAsync();
            await Assertions.Expect(page.GetByTestId("result-row")).ToHaveCountAsync(2);
        });
    }

    [Fact]
    public async Task Pii_shows_redacted_until_unlocked_with_a_reason_and_the_unlock_is_in_the_audit()
    {
        const string dataset = "demo.raw.accounts_export";
        await catalog.GraphQLAsync(Reviewer, """
            mutation($expires: DateTime!) { grantAccess(principalKind: USER, principal: "ulla", datasetUrn: "urn:tl:dataset:demo.raw.accounts_export",
              level: READ_PII, expiresAt: $expires, reason: "SUP-7: customer asked for their data") { id } }
            """, new { expires = DateTimeOffset.UtcNow.AddHours(1) });
        var sql = $"SELECT account_id, owner_email FROM {dataset} ORDER BY account_id LIMIT 3";

        await AsAsync(Analyst, "unlock-" + nameof(Pii_shows_redacted_until_unlocked_with_a_reason_and_the_unlock_is_in_the_audit), async page =>
        {
            await page.GotoAsync("/query?sql=" + Uri.EscapeDataString(sql));
            await Assertions.Expect(page.GetByTestId("query-editor")).ToContainTextAsync("LIMIT 3");
            await page.GetByTestId("run-query").ClickAsync();
            await Assertions.Expect(page.GetByTestId("result-row")).ToHaveCountAsync(3);
            await Assertions.Expect(page.GetByTestId("redacted-value")).ToHaveCountAsync(3);
            await Assertions.Expect(page.GetByTestId("redaction-note")).ToContainTextAsync("owner_email");
            await Assertions.Expect(page.Locator("table.grid tbody")).Not.ToContainTextAsync("@example.com");

            // Unlocking needs a reason: without one nothing runs.
            await page.GetByTestId("unlock-pii").CheckAsync();
            await page.GetByTestId("run-query").ClickAsync();
            await Assertions.Expect(page.Locator("p.state.error[role=alert]")).ToContainTextAsync("Say why");

            await page.GetByTestId("unlock-reason").FillAsync("SUP-7: customer asked for their data");
            await page.GetByTestId("run-query").ClickAsync();
            await Assertions.Expect(page.Locator("table.grid tbody")).ToContainTextAsync("owner1@example.com");
            await Assertions.Expect(page.GetByTestId("redacted-value")).ToHaveCountAsync(0);
        });

        await AsAsync(Reviewer, "audit-" + nameof(Pii_shows_redacted_until_unlocked_with_a_reason_and_the_unlock_is_in_the_audit), async page =>
        {
            await page.GotoAsync($"/audit?user={Analyst}&dataset={dataset}");
            await Assertions.Expect(page.Locator("[data-testid=audit-row][data-kind=PII_UNLOCKED]")).ToContainTextAsync(Analyst);
            // The filter is URL state: narrowing it to another user keeps ulla's unlock out.
            await page.GetByTestId("audit-user").FillAsync("nobody-else");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("user=nobody-else"));
            await Assertions.Expect(page.GetByText("No audit entries match")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public Task Job_page_shows_runs_with_their_durations_and_the_sql_and_is_linked_from_the_dataset() => AsAsync(Reviewer, nameof(Job_page_shows_runs_with_their_durations_and_the_sql_and_is_linked_from_the_dataset), async page =>
    {
        var job = await catalog.GraphQLAsync(Reviewer, $$"""{ job(namespace: "{{GovernanceCatalogFixture.JobNamespace}}", name: "{{GovernanceCatalogFixture.JobName}}") { urn outputs { name } } }""");
        var output = (string)job["job"]!["outputs"]![0]!["name"]!;

        await page.GotoAsync($"/dataset/{Uri.EscapeDataString(output)}?tab=jobs");
        await Assertions.Expect(page.GetByTestId("producers")).ToContainTextAsync(GovernanceCatalogFixture.JobName);
        await Assertions.Expect(page.GetByTestId("run-row")).ToHaveCountAsync(2);
        await page.GetByTestId("producers").GetByRole(AriaRole.Link, new() { Name = GovernanceCatalogFixture.JobName }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/job\?urn="));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(GovernanceCatalogFixture.JobName);
        var runs = page.GetByTestId("run-row");
        await Assertions.Expect(runs).ToHaveCountAsync(2);
        await Assertions.Expect(runs.Nth(0)).ToHaveAttributeAsync("data-state", "COMPLETED");
        await Assertions.Expect(runs.Nth(0)).ToContainTextAsync("2 min 30 s");
        await Assertions.Expect(runs.Nth(1)).ToHaveAttributeAsync("data-state", "FAILED");
        await Assertions.Expect(runs.Nth(1).GetByTestId("run-error")).ToContainTextAsync("is locked");
        await Assertions.Expect(page.GetByTestId("sql-viewer")).ToContainTextAsync("INSERT INTO demo.mart.orders_daily");
        // Highlighted like the editor: keywords get the editor's syntax colour classes.
        Assert.True(await page.GetByTestId("sql-viewer").Locator(".cm-line span").CountAsync() > 0);
        await Assertions.Expect(page.GetByTestId("job-outputs")).ToContainTextAsync(output);
    });

    [Fact]
    public async Task Dataset_page_links_its_data_model_page_which_lists_its_datasets()
    {
        await catalog.GraphQLAsync(GovernanceCatalogFixture.Admin, """
            mutation { upsertDocument(title: "Billing data model", body: "## Grain\nOne row per account and month.",
              relatedDatasets: ["demo.fct.billings_allocated", "demo.dim.accounts"]) { urn } }
            """);
        await AsAsync(Analyst, nameof(Dataset_page_links_its_data_model_page_which_lists_its_datasets), async page =>
        {
            await page.GotoAsync("/dataset/demo.dim.accounts");
            var links = page.GetByTestId("data-model-links");
            await Assertions.Expect(links).ToHaveTextAsync("Billing data model");
            await links.GetByRole(AriaRole.Link, new() { Name = "Billing data model" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Billing data model");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Grain" })).ToBeVisibleAsync();
            var datasets = page.GetByTestId("document-datasets");
            await Assertions.Expect(datasets.GetByRole(AriaRole.Link)).ToHaveTextAsync(["demo.fct.billings_allocated", "demo.dim.accounts"]);
            await datasets.GetByRole(AriaRole.Link, new() { Name = "demo.fct.billings_allocated" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("data-model-links")).ToHaveTextAsync("Billing data model");
        });
    }

    /// <summary>The new pages, as the person who uses them, with text that shows once their data is in.</summary>
    public static TheoryData<string, string, string> AxeCases() => new()
    {
        { Reviewer, "/review", "Access requests" },
        { Analyst, "/access", "Grants" },
        { Reviewer, "/audit?kind=DATASET_REVIEWED", "entr(y|ies)|No audit" },
        { Analyst, "/dataset/demo.fct.arr_by_account", "you (can|cannot) query" },
        { Analyst, "/query?sql=SELECT%201", "Unlock PII" },
        { Reviewer, "/job?urn=urn%3Atl%3Ajob%3Aairflow-ui%3Aorders_etl.load_orders", "INSERT INTO" },
        { Analyst, "/dataset/demo.raw.customers_crm?tab=jobs", "pending review|Run history" },
    };

    /// <summary>axe (WCAG 2.x A/AA) on every new page in the light and the dark colour scheme and at a phone's 400 px width.</summary>
    [Theory]
    [MemberData(nameof(AxeCases))]
    public Task New_page_has_no_serious_accessibility_violations_in_light_dark_and_at_400px(string user, string path, string readyText) => AsAsync(
        user, "axe-governance" + Regex.Replace(path, "[^a-zA-Z0-9]+", "_"), async page =>
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(new Regex(readyText));
            if (path.StartsWith("/dataset/", StringComparison.Ordinal) && await page.GetByTestId("request-access").CountAsync() > 0)
            {
                // The request form is part of the page a user without access sees: check it too.
                await page.GetByTestId("request-access").ClickAsync();
                await Assertions.Expect(page.GetByTestId("request-access-form")).ToBeVisibleAsync();
            }

            var serious = await AccessibilityCheck.SeriousViolationsAsync(page, new Regex(readyText));
            Assert.True(serious.Count == 0, string.Join('\n', serious));
        });

    /// <summary>Runs a scenario in a fresh browser context signed in as <paramref name="user"/>; fails on console errors; screenshots a failure.</summary>
    private async Task AsAsync(string user, string name, Func<IPage, Task> scenario)
    {
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = catalog.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1280, Height = 860 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-User"] = user },
        });
        await PageScenario.RunAsync(context, name, scenario);
    }
}
