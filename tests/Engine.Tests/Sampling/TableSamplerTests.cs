using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Execution;
using TownLake.Engine.Sampling;
using TownLake.Engine.Sql;
using TownLake.Engine.Tests.Connectors;

namespace TownLake.Engine.Tests.Sampling;

/// <summary>The scanner's sampler over a real DuckDB file: bounded rows and bytes, text by column, no way out of its table.</summary>
public sealed class TableSamplerTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly SqlLineageAnalyzer _analyzer = new();
    private readonly TableSampler _sampler;
    private readonly ConnectionSettings _shop;

    public TableSamplerTests()
    {
        _sampler = new TableSampler([new DuckDbFederatedEngine()], _analyzer);
        var path = _files.PathOf("shop.duckdb");
        TestFiles.DuckDb(
            $"ATTACH '{path}' AS w",
            "USE w",
            "CREATE TABLE customers (id INTEGER, email VARCHAR, born DATE, seen TIMESTAMP, photo BLOB, tags VARCHAR[], score DOUBLE)",
            "INSERT INTO customers SELECT range, 'user' || range || '@example.org', DATE '1980-01-01' + range::INTEGER, TIMESTAMP '2025-01-01 10:30:00', '\\x00\\x01'::BLOB, ['a'], 0.5 FROM range(1500)",
            "CREATE TABLE wide (big VARCHAR)",
            "INSERT INTO wide SELECT repeat('x', 100000) FROM range(20)",
            "CREATE TABLE \"odd \"\"name\" (v INTEGER)",
            "INSERT INTO \"odd \"\"name\" VALUES (1)");
        _shop = ConnectionSettings.Create("shop", "duckdb", [new("Path", path)]);
    }

    [Fact]
    public async Task Reads_the_requested_number_of_rows_as_text_by_column()
    {
        var sample = await _sampler.SampleAsync(new SampleRequest(_shop, "main", "customers", 1_000, TimeSpan.FromSeconds(30)), CancellationToken.None);

        Assert.Equal(1_000, sample.Rows);
        Assert.Equal(["id", "email", "born", "seen", "photo", "tags", "score"], sample.Columns.Select(c => c.Name));
        Assert.All(sample.Columns, c => Assert.Equal(1_000, c.Values.Count));
        var byName = sample.Columns.ToDictionary(c => c.Name);
        Assert.Matches(@"^user\d+@example\.org$", byName["email"].Values[0]);
        Assert.Equal("1980-01-01", byName["born"].Values[0]);
        Assert.Equal("2025-01-01 10:30:00", byName["seen"].Values[0]);
        Assert.Equal("0.5", byName["score"].Values[0]);
    }

    [Fact]
    public async Task Binary_and_nested_values_have_no_text_and_are_counted()
    {
        var sample = await _sampler.SampleAsync(new SampleRequest(_shop, "main", "customers", 10, TimeSpan.FromSeconds(30)), CancellationToken.None);
        var photo = sample.Columns.Single(c => c.Name == "photo");
        Assert.All(photo.Values, Assert.Null);
        Assert.Equal(10, photo.NonTextValues);
        Assert.Equal(10, sample.Columns.Single(c => c.Name == "tags").NonTextValues);
    }

    [Fact]
    public async Task Huge_values_are_cut_and_the_byte_budget_stops_reading()
    {
        var cut = await _sampler.SampleAsync(new SampleRequest(_shop, "main", "wide", 20, TimeSpan.FromSeconds(30), MaxValueChars: 64), CancellationToken.None);
        Assert.Equal(20, cut.Rows);
        Assert.All(cut.Columns[0].Values, v => Assert.Equal(64, v!.Length));

        var budget = await _sampler.SampleAsync(new SampleRequest(_shop, "main", "wide", 20, TimeSpan.FromSeconds(30), MaxValueChars: 100_000, MaxBytes: 1_000_000), CancellationToken.None);
        Assert.True(budget.StoppedAtByteBudget);
        Assert.Equal(5, budget.Rows);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(SampleRequest.MaxRows + 1)]
    public async Task Absurd_sample_sizes_are_refused_before_anything_runs(int rows)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _sampler.SampleAsync(new SampleRequest(_shop, "main", "customers", rows, TimeSpan.FromSeconds(30)), CancellationToken.None));
    }

    [Fact]
    public async Task A_negative_timeout_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            _sampler.SampleAsync(new SampleRequest(_shop, "main", "customers", 10, TimeSpan.FromSeconds(-1)), CancellationToken.None));
    }

    [Fact]
    public async Task Table_names_are_quoted_so_they_cannot_inject_sql()
    {
        var odd = await _sampler.SampleAsync(new SampleRequest(_shop, "main", "odd \"name", 10, TimeSpan.FromSeconds(30)), CancellationToken.None);
        Assert.Equal(1, odd.Rows);

        var ex = await Assert.ThrowsAsync<QueryException>(() => _sampler.SampleAsync(
            new SampleRequest(_shop, "main", "customers\" LIMIT 1; COPY customers TO '/tmp/out.csv'; --", 10, TimeSpan.FromSeconds(30)), CancellationToken.None));
        Assert.NotEqual(QueryErrorKind.Execution, ex.Error.Kind);
        Assert.False(File.Exists("/tmp/out.csv") && File.GetLastWriteTimeUtc("/tmp/out.csv") > DateTime.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task An_unknown_table_fails_with_a_query_error()
    {
        var ex = await Assert.ThrowsAsync<QueryException>(() =>
            _sampler.SampleAsync(new SampleRequest(_shop, "main", "nope", 10, TimeSpan.FromSeconds(30)), CancellationToken.None));
        Assert.Contains("nope", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_batch_reads_each_table_of_one_duckdb_file_as_the_single_reads_do_and_a_missing_table_does_not_stop_it()
    {
        SampleRequest Request(string table) => new(_shop, "main", table, 50, TimeSpan.FromSeconds(30), MaxValueChars: 64);
        var single = await _sampler.SampleAsync(Request("customers"), CancellationToken.None);

        var outcomes = new List<SampleOutcome>();
        await foreach (var outcome in _sampler.SampleManyAsync([Request("customers"), Request("nope"), Request("odd \"name"), Request("wide")], CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        Assert.Equal(["customers", "nope", "odd \"name", "wide"], outcomes.Select(o => o.Request.Table));
        Assert.Equal(single.Columns.Select(c => (c.Name, c.Type, string.Join('|', c.Values), c.NonTextValues)), outcomes[0].Sample!.Columns.Select(c => (c.Name, c.Type, string.Join('|', c.Values), c.NonTextValues)));
        Assert.Null(outcomes[1].Sample);
        Assert.Contains("nope", outcomes[1].Error!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, outcomes[2].Sample!.Rows);
        Assert.All(outcomes[3].Sample!.Columns[0].Values, v => Assert.Equal(64, v!.Length));
    }

    [Fact]
    public async Task A_batch_cannot_inject_sql_nor_reach_files_outside_its_table()
    {
        var outcomes = new List<SampleOutcome>();
        await foreach (var outcome in _sampler.SampleManyAsync(
            [new SampleRequest(_shop, "main", "customers\" LIMIT 1; COPY customers TO '/tmp/out-batch.csv'; --", 10, TimeSpan.FromSeconds(30)),
             new SampleRequest(_shop, "main", "customers", 10, TimeSpan.FromSeconds(30))], CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        Assert.NotNull(outcomes[0].Error);
        Assert.Equal(10, outcomes[1].Sample!.Rows);
        Assert.False(File.Exists("/tmp/out-batch.csv"));
    }

    [Fact]
    public async Task A_batch_over_a_missing_file_reports_every_table_unavailable_and_mixed_connections_are_refused()
    {
        var gone = ConnectionSettings.Create("gone", "duckdb", [new("Path", _files.PathOf("missing.duckdb"))]);
        var outcomes = new List<SampleOutcome>();
        await foreach (var outcome in _sampler.SampleManyAsync([new SampleRequest(gone, "main", "a", 10, TimeSpan.FromSeconds(30)), new SampleRequest(gone, "main", "b", 10, TimeSpan.FromSeconds(30))], CancellationToken.None))
        {
            outcomes.Add(outcome);
        }

        Assert.All(outcomes, o => Assert.Equal(QueryErrorKind.SourceUnavailable, o.Error!.Error.Kind));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in _sampler.SampleManyAsync([new SampleRequest(gone, "main", "a", 10, TimeSpan.FromSeconds(30)), new SampleRequest(_shop, "main", "customers", 10, TimeSpan.FromSeconds(30))], CancellationToken.None))
            {
            }
        });
    }

    public void Dispose()
    {
        _analyzer.Dispose();
        _files.Dispose();
    }
}
