using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Tests.Connectors;

namespace TownLake.Engine.Tests.Execution;

/// <summary>
/// Attacks that try to read past the datasets a statement names (issue 11, findings 7, 8 and 11): nested queries,
/// file functions, server internals, other queries' spill files, uncatalogued tables.
/// </summary>
public sealed class SqlSandboxTests : IAsyncDisposable
{
    // Bounds of the waits below: generous, since a loaded 2-core CI machine may stall a poll for seconds; a pass never waits this long.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TestFiles _files = new();
    private readonly string _spillRoot;
    private readonly QueryRunner _runner;
    private readonly List<ConnectionSettings> _connections;

    public SqlSandboxTests()
    {
        var warehouse = _files.PathOf("warehouse.duckdb");
        TestFiles.DuckDb(
            $"ATTACH '{warehouse}' AS w",
            "CREATE SCHEMA w.raw",
            "CREATE TABLE w.raw.customers_crm AS SELECT range AS id, 'secret' || range AS email FROM range(10)",
            "CREATE SCHEMA w.fct",
            "CREATE TABLE w.fct.billings AS SELECT range AS id FROM range(10)");
        _files.Csv("lake/crm/contacts.csv", "SELECT range AS id FROM range(5)");
        File.WriteAllText(_files.PathOf("lake/.env"), "DB_PASSWORD=hunter2\n");
        _spillRoot = Directory.CreateDirectory(_files.PathOf("spill")).FullName;
        _runner = new QueryRunner(
            [new DuckDbFederatedEngine(new DuckDbEngineOptions { Threads = 1, MemoryLimit = "64MB", SpillRoot = _spillRoot })],
            new QueryRunnerOptions { MaxConcurrentQueries = 2 });
        _connections =
        [
            ConnectionSettings.Create("demo", "duckdb", [new("Path", warehouse)]),
            ConnectionSettings.Create("lake", "files", [new("Path", Path.Combine(_files.Root, "lake"))]),
        ];
    }

    [Theory]
    [InlineData("SELECT * FROM demo.fct.billings, query('SELECT * FROM demo.raw.customers_crm')", "query")]
    [InlineData("SELECT * FROM query_table('demo.raw.customers_crm')", "query_table")]
    [InlineData("SELECT (SELECT count(*) FROM query_table('demo.raw.customers_crm')) AS n", "query_table")]
    [InlineData("SELECT * FROM demo.fct.billings WHERE id IN (SELECT id FROM query('FROM demo.raw.customers_crm'))", "query")]
    [InlineData("SELECT * FROM glob('**')", "glob")]
    [InlineData("SELECT * FROM read_blob('/etc/passwd')", "read_blob")]
    [InlineData("SELECT * FROM read_text('/etc/passwd')", "read_text")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')", "read_csv")]
    [InlineData("SELECT * FROM duckdb_settings()", "duckdb_settings")]
    [InlineData("SELECT * FROM duckdb_databases()", "duckdb_databases")]
    [InlineData("SELECT * FROM system.main.duckdb_settings()", "duckdb_settings")]
    [InlineData("WITH x AS (SELECT * FROM duckdb_temporary_files()) SELECT * FROM x", "duckdb_temporary_files")]
    [InlineData("SELECT current_setting('temp_directory')", "current_setting")]
    public async Task Functions_off_the_allow_list_are_refused_by_name(string sql, string function)
    {
        var status = await RunAsync(sql);

        Assert.Equal(QueryState.Failed, status.State);
        Assert.Equal(QueryErrorKind.FunctionNotAllowed, status.Error!.Kind);
        Assert.Contains($"'{function}'", status.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, status.RowCount);
    }

    [Theory]
    [InlineData("SELECT sum(range) FROM range(10)", 45L)]
    [InlineData("SELECT count(*) FROM generate_series(1, 10)", 10L)]
    [InlineData("SELECT sum(x) FROM unnest([1, 2, 3]) t(x)", 6L)]
    public async Task Row_generators_stay_allowed(string sql, long expected)
    {
        var status = await RunAsync(sql);

        Assert.True(status.State == QueryState.Succeeded, status.Error?.Message);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), (await _runner.FetchAsync(status.Id, 0, 1))!.Rows[0][0]!.ToString());
    }

    [Theory]
    [InlineData("SELECT * FROM lake.main.\".env\"")]
    [InlineData("SELECT * FROM lake.\".env\"")]
    [InlineData("SELECT * FROM '.env'")]
    public async Task A_file_of_a_files_connection_that_is_not_a_dataset_cannot_be_read(string sql)
    {
        var status = await RunAsync(sql.Replace("'.env'", $"'{Path.Combine(_files.Root, "lake", ".env")}'", StringComparison.Ordinal));

        Assert.Equal(QueryState.Failed, status.State);
        Assert.Equal(QueryErrorKind.UnknownDataset, status.Error!.Kind);
        Assert.DoesNotContain("hunter2", status.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_datasets_the_gate_accepts_are_queryable_and_the_refusal_names_the_dataset()
    {
        var request = new QueryRequest("SELECT * FROM demo.fct.billings JOIN demo.raw.customers_crm USING (id)", _connections)
        {
            IsQueryable = (name, _) => Task.FromResult(name == "demo.fct.billings"),
        };

        var status = await _runner.RunAsync(request);

        Assert.Equal(QueryErrorKind.UnknownDataset, status.Error!.Kind);
        Assert.Contains("'demo.raw.customers_crm'", status.Error.Message, StringComparison.Ordinal);
        Assert.Contains("not in the catalog", status.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_one_query_spills_another_cannot_list_or_read_its_spill_files()
    {
        // 3 million strings of ~200 bytes (about 600 MB) are the build side of a cross product under a 64 MB memory
        // limit, so they must spill; the product with a billion rows then keeps the query, and its spill files, alive
        // until the test cancels it. Nothing here depends on how fast the machine is or when the poll gets to run.
        var spiller = _runner.Start(new QueryRequest(
            "SELECT sum(length(t.s) + r.range) FROM (SELECT repeat('x', 200) || range AS s FROM range(3000000)) t, range(1000000000) r",
            _connections,
            new QueryLimits(10, TimeSpan.FromMinutes(5))));
        var spillFile = await SpillFileOfAsync(spiller);
        var spillDirectory = Path.GetDirectoryName(spillFile)!;
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(spillDirectory));
        }

        foreach (var attack in new[]
                 {
                     $"SELECT * FROM glob('{spillDirectory}/**')",
                     $"SELECT * FROM read_blob('{spillFile}')",
                     $"SELECT * FROM glob('{_spillRoot}/**')",
                     "SELECT * FROM glob('**')",
                 })
        {
            var status = await RunAsync(attack);
            Assert.True(status.State == QueryState.Failed, attack);
            Assert.Equal(QueryErrorKind.FunctionNotAllowed, status.Error!.Kind);
        }

        // The attacks ran while the spill was live: the spiller is still running and its file is still there.
        Assert.Equal(QueryState.Running, _runner.GetStatus(spiller)!.State);
        Assert.True(File.Exists(spillFile), "The spill file was gone before the attacks finished.");
        _runner.Cancel(spiller);
        await _runner.WaitAsync(spiller);
        await WaitUntilAsync(() => !Directory.Exists(spillDirectory));
    }

    [Fact]
    public async Task A_query_that_spills_past_its_cap_fails_and_leaves_no_files()
    {
        await using var runner = new QueryRunner([new DuckDbFederatedEngine(new DuckDbEngineOptions
        {
            Threads = 1,
            MemoryLimit = "32MB",
            SpillRoot = _spillRoot,
            MaxSpillSize = "8MB",
        })]);

        var status = await runner.RunAsync(new QueryRequest(
            "SELECT count(*) FROM (SELECT range, repeat('x', 100) || range AS s FROM range(3000000) ORDER BY random())", _connections));

        Assert.Equal(QueryState.Failed, status.State);
        Assert.Contains("max_temp_directory_size", status.Error!.Message, StringComparison.Ordinal);
        await WaitUntilAsync(() => !Directory.EnumerateFileSystemEntries(_spillRoot).Any());
    }

    public async ValueTask DisposeAsync()
    {
        await _runner.DisposeAsync();
        _files.Dispose();
    }

    private async Task<QueryStatus> RunAsync(string sql)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _runner.RunAsync(new QueryRequest(sql, _connections), deadline.Token);
    }

    /// <summary>The first spill file of <paramref name="id"/>, waiting for it (bounded); fails at once if the run ends first.</summary>
    private async Task<string> SpillFileOfAsync(string id)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var status = _runner.GetStatus(id)!;
            Assert.False(status.IsFinished, $"The query ended ({status.State}) before it spilled: {status.Error?.Message}");
            var file = Directory.EnumerateFiles(_spillRoot, "*", SearchOption.AllDirectories).FirstOrDefault();
            if (file is not null)
            {
                return file;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The query did not spill within {Patience.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(20);
        }
    }
}
