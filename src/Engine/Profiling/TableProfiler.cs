using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Execution;
using TownLake.Engine.Sql;

namespace TownLake.Engine.Profiling;

/// <summary>
/// Profiles tables through the embedded DuckDB federated engine (it reads DuckDB, file and PostgreSQL connections),
/// with a few aggregate statements over the table or a sample of it: a count (and freshness), the per-column
/// aggregates, then the top values and histogram buckets of every column in one grouped statement.
/// Tables up to <see cref="ProfilingOptions.ExactRowLimit"/> rows are profiled exactly (distinct counts are exact);
/// larger ones on a reservoir sample of <see cref="ProfilingOptions.SampleRows"/> rows (DuckDB and files) or on the
/// first rows PostgreSQL returns (a pushed-down LIMIT, since TABLESAMPLE does not cross the federation), with
/// HyperLogLog distinct counts marked approximate. A large PostgreSQL table keeps the source's row estimate instead
/// of being counted; freshness is always read over the whole table. Many tables of one DuckDB file are profiled
/// through one <see cref="DuckDbFileSession"/> (<see cref="ProfileManyAsync"/>): the file is attached once per batch,
/// not once per statement.
/// </summary>
public sealed class TableProfiler(DuckDbFederatedEngine engine, SqlLineageAnalyzer analyzer)
{
    // Preferred names for the main timestamp column, best first; a name containing one wins over one that does not.
    private static readonly string[] FreshnessHints = ["updated", "modified", "loaded", "ingested", "event_time", "occurred", "created", "_at", "timestamp", "ts", "date", "day"];

    /// <summary>
    /// Profiles one table, each statement through the engine. Throws <see cref="QueryException"/> when the table cannot
    /// be read (<see cref="QueryErrorKind.Timeout"/> when a statement outlasts <see cref="ProfilingOptions.StatementTimeout"/>)
    /// and <see cref="ArgumentException"/> for options out of range.
    /// </summary>
    public Task<TableStatistics> ProfileAsync(ProfileTarget target, ProfilingOptions options, CancellationToken cancellationToken)
    {
        Validate(options);
        return ProfileAsync(target, options, null, cancellationToken);
    }

    /// <summary>
    /// Profiles many tables of one connection, yielding each table's statistics (or why it could not be profiled) as
    /// soon as it is done, in order. The tables of a DuckDB file share one session: the file is attached once for the
    /// batch and the session closed when the batch ends or is cancelled; other sources are profiled table by table
    /// through the engine. A table that fails never stops the others; <see cref="OperationCanceledException"/> ends the
    /// batch, and tables of several connections or options out of range are refused with <see cref="ArgumentException"/>.
    /// </summary>
    public async IAsyncEnumerable<ProfileOutcome> ProfileManyAsync(
        IReadOnlyList<ProfileTarget> targets, ProfilingOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Validate(options);
        await foreach (var outcome in DuckDbFileSession.RunBatchAsync(targets, t => t.Connection, engine.Options,
            (target, session, token) => ProfileAsync(target, options, session, token), cancellationToken))
        {
            yield return new ProfileOutcome(outcome.Item, outcome.Result, outcome.Error);
        }
    }

    private static void Validate(ProfilingOptions options)
    {
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException("Profiling options: " + problem, nameof(options));
        }
    }

    /// <summary>Profiles the table with its statements run in <paramref name="session"/>, or each through the engine when null.</summary>
    private async Task<TableStatistics> ProfileAsync(ProfileTarget target, ProfilingOptions options, DuckDbFileSession? session, CancellationToken cancellationToken)
    {
        var table = string.Join('.', Quote(target.Connection.Name), Quote(target.Schema), Quote(target.Table));
        var columns = target.Columns.Select((c, i) => new Column(i, c.Name, ColumnKinds.Of(c.NativeType))).ToList();
        var freshness = FreshnessColumn(columns);
        var isPostgres = target.Connection.Type == ConnectionType.Postgres;

        // A small table is read whole: one aggregate statement counts it and measures freshness on the way.
        long? rowCount = null;
        var estimated = false;
        DateTimeOffset? latest = null;
        var knownSmall = target.EstimatedRows is { } estimate && estimate <= options.ExactRowLimit;
        if (!knownSmall)
        {
            if (isPostgres && target.EstimatedRows is { } large)
            {
                (rowCount, estimated) = (large, true);
                if (freshness is not null)
                {
                    latest = ToTimestamp((await QueryAsync(target, session, $"SELECT max({Quote(freshness.Name)}) FROM {table}", options, cancellationToken))[0][0]);
                }
            }
            else
            {
                var counted = (await QueryAsync(target, session, $"SELECT count(*){(freshness is null ? "" : $", max({Quote(freshness.Name)})")} FROM {table}", options, cancellationToken))[0];
                rowCount = ToLong(counted[0]);
                latest = freshness is null ? null : ToTimestamp(counted[1]);
            }
        }

        var sampled = rowCount > options.ExactRowLimit;
        var source = !sampled ? table
            : isPostgres ? $"(SELECT * FROM {table} LIMIT {options.SampleRows})"
            : $"(SELECT * FROM {table} USING SAMPLE reservoir({options.SampleRows} ROWS) REPEATABLE (16))";

        var aggregates = new AggregateLayout(columns, approximate: sampled);
        var freshnessIndex = !sampled && knownSmall && freshness is not null ? aggregates.Add($"max({Quote(freshness.Name)})") : -1;
        var statsRow = (await QueryAsync(target, session, $"SELECT {aggregates.Sql} FROM {source} AS s", options, cancellationToken))[0];
        var profiledRows = ToLong(statsRow[0]) ?? 0;
        if (!sampled && rowCount is null)
        {
            rowCount = profiledRows;
        }

        if (freshnessIndex >= 0)
        {
            latest = ToTimestamp(statsRow[freshnessIndex]);
        }

        var partial = columns.Select(c => aggregates.Read(c, statsRow, profiledRows)).ToList();
        var (topValues, buckets) = await ValuesAsync(target, session, source, columns, partial, options, cancellationToken);
        var statistics = columns.Select(c => partial[c.Index] with
        {
            TopValues = topValues.GetValueOrDefault(c.Index) ?? [],
            Histogram = Histogram(c, partial[c.Index], buckets.GetValueOrDefault(c.Index), options.HistogramBins),
        }).ToList();
        return new TableStatistics(rowCount, estimated, sampled, profiledRows, freshness?.Name, latest, statistics);
    }

    /// <summary>Top values and histogram buckets of every column in one statement over the same rows.</summary>
    private async Task<(Dictionary<int, List<ValueFrequency>> Top, Dictionary<int, Dictionary<long, long>> Buckets)> ValuesAsync(
        ProfileTarget target, DuckDbFileSession? session, string source, List<Column> columns, List<ColumnStatistics> partial, ProfilingOptions options, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        foreach (var column in columns)
        {
            var name = Quote(column.Name);
            if (options.TopValues > 0 && column.Kind != ColumnKind.Other && partial[column.Index].DistinctCount > 0)
            {
                parts.Add($"SELECT * FROM (SELECT {column.Index} AS col, 0 AS part, left(CAST({name} AS VARCHAR), {ProfilingOptions.MaxValueLength}) AS v, count(*) AS n " +
                    $"FROM s WHERE {name} IS NOT NULL GROUP BY 3 ORDER BY 4 DESC, 3 LIMIT {options.TopValues})");
            }

            if (options.HistogramBins > 0 && HistogramRange(column, partial[column.Index]) is (var low, var high) && high > low)
            {
                var x = Numeric(column);
                var width = (high - low) / options.HistogramBins;
                parts.Add($"SELECT {column.Index} AS col, 1 AS part, CAST(least(greatest(floor(({x} - {Invariant(low)}) / {Invariant(width)}), 0), {options.HistogramBins - 1}) AS BIGINT)::VARCHAR AS v, count(*) AS n " +
                    $"FROM s WHERE {name} IS NOT NULL GROUP BY 3");
            }
        }

        var top = new Dictionary<int, List<ValueFrequency>>();
        var buckets = new Dictionary<int, Dictionary<long, long>>();
        if (parts.Count == 0)
        {
            return (top, buckets);
        }

        var sql = $"WITH s AS MATERIALIZED (SELECT * FROM {source} AS t) {string.Join(" UNION ALL ", parts)}";
        foreach (var row in await QueryAsync(target, session, sql, options, cancellationToken))
        {
            var index = (int)ToLong(row[0])!.Value;
            var count = ToLong(row[3]) ?? 0;
            if (ToLong(row[1]) == 0)
            {
                (top.TryGetValue(index, out var list) ? list : top[index] = []).Add(new ValueFrequency(row[2] as string, count));
            }
            else if (long.TryParse(row[2] as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bucket))
            {
                (buckets.TryGetValue(index, out var map) ? map : buckets[index] = [])[bucket] = count;
            }
        }

        foreach (var list in top.Values)
        {
            list.Sort((a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        }

        return (top, buckets);
    }

    private static List<HistogramBucket> Histogram(Column column, ColumnStatistics statistics, Dictionary<long, long>? counts, int bins)
    {
        if (counts is null || HistogramRange(column, statistics) is not (var low, var high) || high <= low)
        {
            return [];
        }

        var width = (high - low) / bins;
        return Enumerable.Range(0, bins)
            .Select(i => new HistogramBucket(Bound(column, low + (i * width)), Bound(column, i == bins - 1 ? high : low + ((i + 1) * width)), counts.GetValueOrDefault(i)))
            .ToList();
    }

    /// <summary>The range a histogram spans, as numbers (seconds since the epoch for dates); null when none applies.</summary>
    private static (double Low, double High)? HistogramRange(Column column, ColumnStatistics statistics) =>
        column.Kind switch
        {
            ColumnKind.Number when statistics is { NumericLow: { } low, NumericHigh: { } high } => (low, high),
            ColumnKind.Date or ColumnKind.Timestamp when statistics is { NumericLow: { } low, NumericHigh: { } high } => (low, high),
            _ => null,
        };

    private static string Numeric(Column column) => column.Kind switch
    {
        ColumnKind.Number => $"CAST({Quote(column.Name)} AS DOUBLE)",
        ColumnKind.Date => $"epoch(CAST({Quote(column.Name)} AS TIMESTAMP))",
        _ => $"epoch({Quote(column.Name)})",
    };

    private static string Bound(Column column, double value) => column.Kind switch
    {
        ColumnKind.Date => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value * 1000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ColumnKind.Timestamp => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value * 1000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => value.ToString("0.######", CultureInfo.InvariantCulture),
    };

    private static Column? FreshnessColumn(List<Column> columns)
    {
        var temporal = columns.Where(c => c.Kind is ColumnKind.Timestamp or ColumnKind.Date).ToList();
        return temporal
            .Select(c => (Column: c, Rank: Array.FindIndex(FreshnessHints, hint => c.Name.Contains(hint, StringComparison.OrdinalIgnoreCase)), Timestamp: c.Kind == ColumnKind.Timestamp))
            .OrderBy(c => c.Rank < 0 ? int.MaxValue : c.Rank)
            .ThenByDescending(c => c.Timestamp)
            .ThenBy(c => c.Column.Index)
            .Select(c => c.Column)
            .FirstOrDefault();
    }

    private async Task<List<object?[]>> QueryAsync(ProfileTarget target, DuckDbFileSession? session, string sql, ProfilingOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StatementTimeout);
        try
        {
            // The engine checks a statement against the query front's rules before it attaches anything; a session
            // runs only the profiler's own statements (names quoted) over the one file it attached read-only.
            await using var result = session is not null
                ? session.Execute(sql, timeout.Token)
                : await engine.ExecuteAsync(new QueryRequest(sql, [target.Connection], new QueryLimits(100_000, options.StatementTimeout)) { Analysis = analyzer.AnalyzeStatement(sql) }, timeout.Token);
            var rows = new List<object?[]>();
            await foreach (var row in result.ReadRowsAsync(timeout.Token))
            {
                rows.Add(row);
            }

            return rows;
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or QueryException)
        {
            throw new QueryException(QueryErrorKind.Timeout,
                $"Profiling {target.Connection.Name}.{target.Schema}.{target.Table}: a statement took longer than {options.StatementTimeout.TotalSeconds:0.###} s and was stopped.", ex);
        }
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static long? ToLong(object? value) => value switch
    {
        null or DBNull => null,
        System.Numerics.BigInteger big => (long)big,
        IConvertible convertible => convertible.ToInt64(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static double? ToDouble(object? value) => value switch
    {
        null or DBNull => null,
        System.Numerics.BigInteger big => (double)big,
        IConvertible convertible => convertible.ToDouble(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static DateTimeOffset? ToTimestamp(object? value) => value switch
    {
        DateTimeOffset offset => offset.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, time.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : time.Kind)).ToUniversalTime(),
        DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        _ => null,
    };

    private sealed record Column(int Index, string Name, ColumnKind Kind);

    /// <summary>The per-column aggregates of one SELECT, and where each column's values sit in its row.</summary>
    private sealed class AggregateLayout
    {
        private readonly List<string> _expressions = ["count(*)"];
        private readonly Dictionary<(int Column, string Stat), int> _positions = [];
        private readonly bool _approximate;

        public AggregateLayout(List<Column> columns, bool approximate)
        {
            _approximate = approximate;
            foreach (var column in columns)
            {
                var name = Quote(column.Name);
                Add(column, "nonNull", $"count({name})");
                if (column.Kind == ColumnKind.Other)
                {
                    continue;
                }

                Add(column, "distinct", approximate ? $"approx_count_distinct({name})" : $"count(DISTINCT {name})");
                Add(column, "min", $"left(CAST(min({name}) AS VARCHAR), {ProfilingOptions.MaxValueLength})");
                Add(column, "max", $"left(CAST(max({name}) AS VARCHAR), {ProfilingOptions.MaxValueLength})");
                switch (column.Kind)
                {
                    case ColumnKind.Number:
                        Add(column, "mean", $"avg(CAST({name} AS DOUBLE))");
                        Add(column, "stddev", $"stddev_samp(CAST({name} AS DOUBLE))");
                        Add(column, "low", $"min(CAST({name} AS DOUBLE))");
                        Add(column, "high", $"max(CAST({name} AS DOUBLE))");
                        break;
                    case ColumnKind.Date or ColumnKind.Timestamp:
                        Add(column, "low", $"min({Numeric(column)})");
                        Add(column, "high", $"max({Numeric(column)})");
                        break;
                    case ColumnKind.Text:
                        Add(column, "minLength", $"min(length({name}))");
                        Add(column, "maxLength", $"max(length({name}))");
                        Add(column, "meanLength", $"avg(length({name}))");
                        break;
                }
            }
        }

        public string Sql => string.Join(", ", _expressions);

        /// <summary>Adds an extra expression; returns its position in the row.</summary>
        public int Add(string expression)
        {
            _expressions.Add(expression);
            return _expressions.Count - 1;
        }

        public ColumnStatistics Read(Column column, object?[] row, long profiledRows)
        {
            object? Get(string stat) => _positions.TryGetValue((column.Index, stat), out var at) ? row[at] : null;
            var nonNull = ToLong(Get("nonNull")) ?? 0;
            var statistics = new ColumnStatistics(
                column.Name, column.Kind, profiledRows - nonNull, ToLong(Get("distinct")), _approximate && column.Kind != ColumnKind.Other,
                Get("min") as string, Get("max") as string, ToDouble(Get("mean")), ToDouble(Get("stddev")),
                (int?)ToLong(Get("minLength")), (int?)ToLong(Get("maxLength")), ToDouble(Get("meanLength")), [], [])
            {
                NumericLow = ToDouble(Get("low")),
                NumericHigh = ToDouble(Get("high")),
            };
            return statistics;
        }

        private void Add(Column column, string stat, string expression) => _positions[(column.Index, stat)] = Add(expression);
    }
}
