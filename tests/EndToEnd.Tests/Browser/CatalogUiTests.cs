using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>The catalog browser UI driven in headless Chromium against a real Catalog process.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CatalogUiTests(BrowserFixture fixture)
{
    private const string Billings = "demo.fct.billings_allocated";

    [Fact]
    public Task Search_then_dataset_then_lineage_then_upstream_node_lands_on_its_page() => WithPageAsync(nameof(Search_then_dataset_then_lineage_then_upstream_node_lands_on_its_page), async page =>
    {
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("/");
        await page.GetByTestId("search-input").FillAsync("billings allocated");
        await page.GetByTestId("search-input").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/search\?q=billings"));
        var result = page.GetByTestId("search-result").Filter(new() { HasText = Billings }).First;
        await result.GetByRole(AriaRole.Link, new() { Name = Billings }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseAddress}dataset/{Billings}");
        await Assertions.Expect(page.GetByTestId("column-row").First).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("column-row").CountAsync() > 1);

        await page.GotoAsync($"/dataset/{Billings}/lineage?direction=UPSTREAM&depth=1");
        await Assertions.Expect(page.GetByTestId("lineage-node").First).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("lineage-edge").CountAsync() > 0);
        var upstream = page.GetByTestId("lineage-node").Filter(new() { HasNotText = Billings }).First;
        var upstreamName = await upstream.GetAttributeAsync("data-name");
        await upstream.GetByRole(AriaRole.Link).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{fixture.BaseAddress}dataset/{upstreamName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(upstreamName!);
    });

    [Fact]
    public Task Column_level_graph_shows_alloc_amount_fed_by_billed_amount_and_plan_interval() => WithPageAsync(nameof(Column_level_graph_shows_alloc_amount_fed_by_billed_amount_and_plan_interval), async page =>
    {
        await page.GotoAsync($"/dataset/{Billings}/lineage?direction=BOTH&depth=1&columns=1");
        var billings = page.Locator($"[data-testid=lineage-node][data-name='{Billings}']");
        var allocAmount = billings.Locator("[data-testid=lineage-column][data-column=alloc_amount]");
        await Assertions.Expect(allocAmount).ToBeVisibleAsync();

        var intoAllocAmount = page.Locator($"[data-testid=lineage-column-edge][data-to='{Billings}.alloc_amount']");
        await Assertions.Expect(intoAllocAmount).ToHaveCountAsync(2);
        var sources = await intoAllocAmount.EvaluateAllAsync<string[]>("edges => edges.map(e => e.dataset.from).sort()");
        Assert.Equal(["demo.raw.billing_line_items.billed_amount", "demo.raw.billing_line_items.plan_interval"], sources);
        // Every edge says what it does on hover (an SVG title), e.g. the CASE WHEN that allocates annual plans.
        await Assertions.Expect(intoAllocAmount.Filter(new() { Has = page.Locator("title", new() { HasTextString = "CASE" }) })).ToHaveCountAsync(1);

        // Following the column highlights its path column by column and lists it as a table, with the impact below.
        await allocAmount.GetByRole(AriaRole.Button, new() { Name = "alloc_amount" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("column=alloc_amount"));
        await Assertions.Expect(allocAmount).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("highlighted"));
        await Assertions.Expect(billings.Locator("[data-testid=lineage-column][data-column=account_id]")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("highlighted"));
        var path = page.GetByTestId("column-path-table");
        await Assertions.Expect(path.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(path).ToContainTextAsync("sum(b.alloc_amount)");
        await Assertions.Expect(page.GetByTestId("impact-list")).ToContainTextAsync("demo.fct.arr_by_account");

        await path.GetByRole(AriaRole.Button, new() { Name = "conditional (indirect)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("edge-details")).ToContainTextAsync("conditional (indirect)");
    });

    [Fact]
    public Task Glossary_term_created_in_the_browser_appears_in_search() => WithPageAsync(nameof(Glossary_term_created_in_the_browser_appears_in_search), async page =>
    {
        var name = "Net revenue retention " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/glossary");
        await page.GetByRole(AriaRole.Button, new() { Name = "New term" }).ClickAsync();
        await page.GetByTestId("term-name").FillAsync(name);
        await page.GetByTestId("term-definition").FillAsync("Share of last year's **revenue** kept from the same accounts.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create term" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync(name);
        Assert.EndsWith("/glossary/" + Uri.EscapeDataString(name), page.Url, StringComparison.Ordinal);

        // The search index follows the catalog's writes within moments; the page is read again until it shows the term.
        var result = page.GetByTestId("search-result").Filter(new() { HasText = name });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await page.GotoAsync("/search?q=" + Uri.EscapeDataString(name));
            await Assertions.Expect(page.Locator("main [role=status]").First).ToContainTextAsync("result");
        }
        while (await result.CountAsync() == 0 && DateTime.UtcNow < deadline);
        await Assertions.Expect(result).ToHaveCountAsync(1);
        // The definition's Markdown marks are not shown raw.
        await Assertions.Expect(result).Not.ToContainTextAsync("**");
    });

    [Fact]
    public Task GraphiQL_loads_the_schema_and_shows_docs_and_autocomplete() => WithPageAsync(nameof(GraphiQL_loads_the_schema_and_shows_docs_and_autocomplete), async page =>
    {
        await page.GotoAsync("/graphql");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show Documentation Explorer" }).ClickAsync();
        var docs = page.Locator(".graphiql-doc-explorer");
        await Assertions.Expect(docs).ToContainTextAsync("Query");
        await docs.GetByRole(AriaRole.Link, new() { Name = "Query", Exact = true }).First.ClickAsync();
        await Assertions.Expect(docs).ToContainTextAsync("lineage");
        await Assertions.Expect(page.GetByText("Error fetching schema")).ToHaveCountAsync(0);

        // Autocomplete comes from the introspected schema: typing the start of a root field offers it.
        var editor = page.Locator(".graphiql-query-editor .monaco-editor").First;
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.TypeAsync("{ glossaryTer");
        var suggestions = page.Locator(".suggest-widget");
        await Assertions.Expect(suggestions).ToBeVisibleAsync();
        await Assertions.Expect(suggestions).ToContainTextAsync("glossaryTerms");

        await Assertions.Expect(page.GetByTestId("graphiql-back-to-app")).ToHaveAttributeAsync("href", "/");
    });

    [Fact]
    public Task Previewing_sample_rows_does_not_count_as_usage() => WithPageAsync(nameof(Previewing_sample_rows_does_not_count_as_usage), async page =>
    {
        const string dataset = "demo.dim.zones";
        await page.GotoAsync($"/dataset/{dataset}?tab=usage");
        var before = await QueryCountAsync(page, dataset);

        await page.GotoAsync($"/dataset/{dataset}?tab=preview");
        await Assertions.Expect(page.GetByTestId("result-row").First).ToBeVisibleAsync();
        // The run's audit is written as it finishes; a counted preview would show within moments.
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(before, await QueryCountAsync(page, dataset));
    });

    /// <summary>The dataset's usage count as the API reports it to the page's user.</summary>
    private static async Task<int> QueryCountAsync(IPage page, string dataset) =>
        await page.EvaluateAsync<int>(
            """
            async name => {
              const response = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ query: 'query($n: String!) { dataset(name: $n) { usage { queryCount } } }', variables: { n: name } }) });
              return (await response.json()).data.dataset.usage.queryCount;
            }
            """, dataset);

    [Fact]
    public Task Edited_description_is_shown_after_a_reload() => WithPageAsync(nameof(Edited_description_is_shown_after_a_reload), async page =>
    {
        var text = "Accounts as billed, edited in the browser " + Guid.NewGuid().ToString("N")[..8];
        await page.GotoAsync("/dataset/demo.dim.accounts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit dataset description" }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "dataset description" }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".dataset-header")).ToContainTextAsync(text);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".dataset-header")).ToContainTextAsync(text);
    });

    [Fact]
    public Task Query_shows_the_rows_it_selected() => WithPageAsync(nameof(Query_shows_the_rows_it_selected), async page =>
    {
        var sql = "SELECT account_id FROM demo.dim.accounts ORDER BY account_id LIMIT 3";
        await page.GotoAsync("/query?sql=" + Uri.EscapeDataString(sql));
        await Assertions.Expect(page.GetByTestId("query-editor")).ToContainTextAsync("LIMIT 3");
        await page.GetByTestId("run-query").ClickAsync();

        await Assertions.Expect(page.GetByTestId("result-row")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("table.grid thead")).ToContainTextAsync("account_id");
    });

    [Fact]
    public Task Bad_query_shows_its_error_and_position() => WithPageAsync(nameof(Bad_query_shows_its_error_and_position), async page =>
    {
        await page.GotoAsync("/query?sql=" + Uri.EscapeDataString("SELECT *\nFROM demo.dim.no_such_table"));
        await page.GetByTestId("query-editor").Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+Enter");

        var error = page.GetByTestId("query-error");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("no_such_table");
        await Assertions.Expect(page.GetByTestId("result-row")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Home_page_lists_curated_most_used_and_recently_changed_from_one_request() => WithPageAsync(nameof(Home_page_lists_curated_most_used_and_recently_changed_from_one_request), async page =>
    {
        var sql = "SELECT zone_id FROM demo.dim.zones LIMIT 1";
        await page.GotoAsync("/query?sql=" + Uri.EscapeDataString(sql));
        await Assertions.Expect(page.GetByTestId("query-editor")).ToContainTextAsync("LIMIT 1");
        await page.GetByTestId("run-query").ClickAsync();
        await Assertions.Expect(page.GetByTestId("result-row")).ToHaveCountAsync(1);

        var homeRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/graphql", StringComparison.Ordinal) && request.PostData?.Contains("query Home", StringComparison.Ordinal) == true)
            {
                homeRequests.Add(request.PostData);
            }
        };
        await page.GotoAsync("/");

        var curated = page.GetByTestId("home-curated").Locator("li.card");
        var mostUsed = page.GetByTestId("home-most-used").Locator("li.card");
        var recent = page.GetByTestId("home-recent").Locator("li.card");
        await Assertions.Expect(recent).ToHaveCountAsync(8);
        Assert.InRange(await curated.CountAsync(), 1, 8);
        foreach (var card in await curated.AllAsync())
        {
            await Assertions.Expect(card.Locator(".chip", new() { HasTextString = "curated" })).ToHaveCountAsync(1);
            await Assertions.Expect(card.Locator(".badge", new() { HasTextString = "deprecated" })).ToHaveCountAsync(0);
        }

        await Assertions.Expect(mostUsed.Filter(new() { HasText = "demo.dim.zones" })).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ quer(y|ies)"));
        Assert.InRange(await mostUsed.CountAsync(), 1, 8);
        // The lists are sorted and cut by the server: one request, eight rows each, no client-side scan of the catalog.
        var home = Assert.Single(homeRequests);
        Assert.Contains("MOST_QUERIED", home, StringComparison.Ordinal);
        Assert.Contains("RECENTLY_UPDATED", home, StringComparison.Ordinal);
        Assert.DoesNotContain("500", home, StringComparison.Ordinal);
    });

    [Fact]
    public Task Search_without_matches_says_so() => WithPageAsync(nameof(Search_without_matches_says_so), async page =>
    {
        await page.GotoAsync("/search?q=zzqxnomatchzzqx");
        await Assertions.Expect(page.GetByText("No results match")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("search-result")).ToHaveCountAsync(0);
    });

    /// <summary>Every page and dataset tab, with text that shows once its data is in.</summary>
    private static readonly (string Path, string Ready)[] AxePages =
    [
        ("/", "Curated"),
        ("/search?q=accounts", "results"),
        ("/dataset/demo.dim.accounts", "account_id"),
        ("/dataset/demo.fct.billings_allocated?tab=profile", "[Pp]rofiled"),
        ("/dataset/demo.fct.billings_allocated?tab=properties", "build_sql"),
        ("/dataset/demo.fct.billings_allocated?tab=history", "Schema recorded"),
        ("/dataset/demo.fct.billings_allocated?tab=queries", "runs? by|Nobody"),
        ("/dataset/demo.fct.billings_allocated?tab=usage", "quer(y|ies) by|Nobody"),
        ("/dataset/demo.dim.accounts?tab=preview", "account_name"),
        ("/dataset/demo.fct.billings_allocated/lineage", "nodes"),
        ("/dataset/demo.fct.billings_allocated/lineage?columns=1&column=alloc_amount", "Column path"),
        ("/glossary", "Allocation"),
        ("/glossary/ARR", "Datasets"),
        ("/tag/curated", "datasets"),
        ("/query", "Ctrl/Cmd"),
    ];

    public static TheoryData<string, string> AxeCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (path, ready) in AxePages)
        {
            cases.Add(path, ready);
        }

        return cases;
    }

    /// <summary>
    /// axe (WCAG 2.x A/AA rules) on every page in the light and the dark colour scheme and at a phone's 400 px width:
    /// the page is loaded once and re-checked after each switch.
    /// </summary>
    [Theory]
    [MemberData(nameof(AxeCases))]
    public Task Page_has_no_serious_accessibility_violations_in_light_dark_and_at_400px(string path, string readyText) => WithPageAsync(
        "axe" + path.Replace('/', '_').Replace('?', '_').Replace('&', '_'),
        async page =>
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(readyText));
            var serious = await AccessibilityCheck.SeriousViolationsAsync(page, new System.Text.RegularExpressions.Regex(readyText));
            Assert.True(serious.Count == 0, string.Join('\n', serious));
        });

    /// <summary>
    /// Takes the README's screenshots. By default they go to a temporary folder (checked, then deleted), so a test run
    /// never changes tracked files; with <c>TOWNLAKE_UPDATE_SCREENSHOTS=1</c> they replace docs/screenshots/*.png
    /// (see README, "Screenshots").
    /// </summary>
    [Fact]
    public Task Screenshots_of_search_dataset_profile_and_lineage_are_taken_for_the_readme() => WithPageAsync(nameof(Screenshots_of_search_dataset_profile_and_lineage_are_taken_for_the_readme), async page =>
    {
        var update = Environment.GetEnvironmentVariable("TOWNLAKE_UPDATE_SCREENSHOTS") == "1";
        var folder = update
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(Path.GetTempPath(), "townlake-screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await page.GotoAsync("/search?q=billing");
            await Assertions.Expect(page.GetByTestId("search-result").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "search.png"), FullPage = true });
            await page.GotoAsync("/dataset/" + Billings);
            await Assertions.Expect(page.GetByTestId("column-row").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "dataset.png"), FullPage = true });
            await page.GotoAsync($"/dataset/{Billings}/lineage?depth=3");
            await Assertions.Expect(page.GetByTestId("lineage-node").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "lineage.png") });
            await page.GotoAsync($"/dataset/{Billings}?tab=profile");
            await Assertions.Expect(page.GetByTestId("profile-row").First).ToBeVisibleAsync();
            await page.GetByTestId("profile-row").Filter(new() { HasText = "alloc_amount" }).GetByRole(AriaRole.Button).ClickAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "profile.png"), FullPage = true });
            await page.GotoAsync($"/dataset/{Billings}/lineage?depth=1&columns=1&column=alloc_amount");
            await Assertions.Expect(page.GetByTestId("lineage-column-edge").First).ToBeAttachedAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "lineage-columns.png") });

            Assert.All(["search.png", "dataset.png", "lineage.png", "profile.png", "lineage-columns.png"], file => Assert.True(new FileInfo(Path.Combine(folder, file)).Length > 10_000, file));
        }
        finally
        {
            if (!update)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    });

    /// <summary>Runs a scenario in a fresh page; fails on any console error and saves a screenshot when it fails.</summary>
    private async Task WithPageAsync(string name, Func<IPage, Task> scenario)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 860 } });
        await PageScenario.RunAsync(context, name, scenario);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TownLake.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TownLake.sln was not found above " + AppContext.BaseDirectory);
    }
}
