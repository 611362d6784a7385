namespace TownLake.Catalog.Lineage;

/// <summary>
/// An immutable, in-memory copy of the lineage graph as compressed adjacency arrays (datasets and columns are ints),
/// built once per lineage version. Breadth-first walks over it visit each node once, stop at the node cap, and
/// never touch the database — measured in <c>bench/results/lineage-traversal.md</c> against the recursive CTE.
/// </summary>
public sealed partial class LineageSnapshot
{
    private readonly Dictionary<string, int> _datasetIds;
    private readonly string[] _datasets;
    private readonly string?[] _jobs;
    private readonly Adjacency _down;
    private readonly Adjacency _up;
    private readonly Dictionary<(int Dataset, string Column), int> _columnIds;
    private readonly (int Dataset, string Column)[] _columns;
    private readonly Adjacency _columnDown;
    private readonly Adjacency _columnUp;
    private readonly Dictionary<int, List<(int Up, int Down)>> _jobEdges;

    private LineageSnapshot(long version, Builder builder)
    {
        Version = version;
        _datasetIds = builder.DatasetIds;
        _datasets = [.. builder.Datasets];
        _jobs = [.. builder.Jobs];
        _down = Adjacency.Build(_datasets.Length, builder.DatasetEdges.Select(e => (e.Up, e.Down, e.Job)));
        _up = Adjacency.Build(_datasets.Length, builder.DatasetEdges.Select(e => (e.Down, e.Up, e.Job)));
        _columnIds = builder.ColumnIds;
        _columns = [.. builder.Columns];
        _columnDown = Adjacency.Build(_columns.Length, builder.ColumnEdges.Select(e => (e.Up, e.Down, 0)));
        _columnUp = Adjacency.Build(_columns.Length, builder.ColumnEdges.Select(e => (e.Down, e.Up, 0)));
        _jobEdges = builder.DatasetEdges.Where(e => e.Job != 0).GroupBy(e => e.Job).ToDictionary(g => g.Key, g => g.Select(e => (e.Up, e.Down)).Distinct().ToList());
    }

    /// <summary>The store's lineage version this copy was built from.</summary>
    public long Version { get; }

    public int DatasetCount => _datasets.Length;

    public int EdgeCount => _down.Count;

    /// <summary>Builds a snapshot from every stored edge.</summary>
    public static LineageSnapshot Build(IEnumerable<LineageEdge> edges, long version)
    {
        var builder = new Builder();
        foreach (var edge in edges)
        {
            builder.Add(edge);
        }

        return new LineageSnapshot(version, builder);
    }

    /// <summary>Builds a snapshot from a stream of stored edges.</summary>
    public static async Task<LineageSnapshot> BuildAsync(IAsyncEnumerable<LineageEdge> edges, long version, CancellationToken cancellationToken)
    {
        var builder = new Builder();
        await foreach (var edge in edges.WithCancellation(cancellationToken))
        {
            builder.Add(edge);
        }

        return new LineageSnapshot(version, builder);
    }

    /// <summary>Dataset-level walk, the same contract as the store's recursive CTE: depth per reached dataset, capped.</summary>
    public LineageWalk Walk(string urn, LineageDirection direction, int depth, int maxNodes)
    {
        var walks = _datasetIds.TryGetValue(urn, out var start)
            ? Directions(direction, _up, _down).Select(adjacency => (Reached: Bfs(adjacency, start, depth, maxNodes, out var cut), Cut: cut)).ToList()
            : [];
        var depths = new Dictionary<string, int>(1 + walks.Sum(w => w.Reached.Count), StringComparer.Ordinal) { [urn] = 0 };
        var truncated = walks.Any(w => w.Cut);
        foreach (var walk in walks)
        {
            foreach (var (node, d) in walk.Reached)
            {
                var name = _datasets[node];
                if (!depths.TryGetValue(name, out var known) || d < known)
                {
                    depths[name] = d;
                }
            }
        }

        if (depths.Count > maxNodes)
        {
            truncated = true;
            depths = depths.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(maxNodes).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }

        return new LineageWalk(depths, truncated);
    }

    /// <summary>Column-level walk from one column: depth per reached (dataset, column), capped.</summary>
    public (IReadOnlyDictionary<(string Urn, string Column), int> Depths, bool Truncated) WalkColumn(string urn, string column, LineageDirection direction, int depth, int maxNodes)
    {
        var depths = new Dictionary<(string, string), int> { [(urn, column)] = 0 };
        var truncated = false;
        if (_datasetIds.TryGetValue(urn, out var dataset) && FindColumn(dataset, column) is { } start)
        {
            foreach (var adjacency in Directions(direction, _columnUp, _columnDown))
            {
                foreach (var (node, d) in Bfs(adjacency, start, depth, maxNodes, out var cut))
                {
                    truncated |= cut;
                    var key = (_datasets[_columns[node].Dataset], _columns[node].Column);
                    if (!depths.TryGetValue(key, out var known) || d < known)
                    {
                        depths[key] = d;
                    }
                }
            }
        }

        return (depths, truncated);
    }

    /// <summary>Distinct datasets directly upstream and downstream of a dataset.</summary>
    public (int Upstream, int Downstream) Counts(string urn) =>
        _datasetIds.TryGetValue(urn, out var id) ? (DistinctOthers(_up.Neighbours(id), id), DistinctOthers(_down.Neighbours(id), id)) : (0, 0);

    private static int DistinctOthers(ReadOnlySpan<int> neighbours, int self)
    {
        var set = new HashSet<int>();
        foreach (var n in neighbours)
        {
            if (n != self)
            {
                set.Add(n);
            }
        }

        return set.Count;
    }

    /// <summary>Columns of a dataset that take part in column lineage.</summary>
    public IReadOnlyList<string> LineageColumns(string urn) =>
        _datasetIds.TryGetValue(urn, out var id) ? _columns.Where(c => c.Dataset == id).Select(c => c.Column).ToList() : [];

    /// <summary>The shortest chain of dataset edges leading from <paramref name="from"/> down to <paramref name="to"/>, or null.</summary>
    public IReadOnlyList<(string Upstream, string Downstream)>? ShortestPath(string from, string to)
    {
        if (!_datasetIds.TryGetValue(from, out var start) || !_datasetIds.TryGetValue(to, out var goal))
        {
            return null;
        }

        var parent = new Dictionary<int, int> { [start] = -1 };
        var queue = new Queue<int>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node == goal)
            {
                var path = new List<(string, string)>();
                for (var at = goal; parent[at] >= 0; at = parent[at])
                {
                    path.Add((_datasets[parent[at]], _datasets[at]));
                }

                path.Reverse();
                return path;
            }

            foreach (var next in _down.Neighbours(node))
            {
                if (parent.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    /// <summary>Jobs that write (<see cref="LineageDirection.Upstream"/>) or read (<see cref="LineageDirection.Downstream"/>) a dataset.</summary>
    public IReadOnlyList<string> JobsOf(string urn, LineageDirection direction)
    {
        if (!_datasetIds.TryGetValue(urn, out var id))
        {
            return [];
        }

        var jobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var adjacency in Directions(direction, _up, _down))
        {
            foreach (var job in adjacency.Jobs(id))
            {
                if (_jobs[job] is { } name)
                {
                    jobs.Add(name);
                }
            }
        }

        return [.. jobs.Order(StringComparer.Ordinal)];
    }

    /// <summary>The dataset edges a job recorded: its inputs and outputs.</summary>
    public (IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs) JobDatasets(string jobUrn)
    {
        var job = Array.IndexOf(_jobs, jobUrn);
        if (job <= 0 || !_jobEdges.TryGetValue(job, out var edges))
        {
            return ([], []);
        }

        return (edges.Select(e => _datasets[e.Up]).Distinct().Order(StringComparer.Ordinal).ToList(),
                edges.Select(e => _datasets[e.Down]).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    public bool ContainsJob(string jobUrn) => Array.IndexOf(_jobs, jobUrn) > 0;

    private int? FindColumn(int dataset, string column) =>
        _columnIds.TryGetValue((dataset, column), out var exact) ? exact
        : _columnIds.Where(p => p.Key.Dataset == dataset && string.Equals(p.Key.Column, column, StringComparison.OrdinalIgnoreCase)).Select(p => (int?)p.Value).FirstOrDefault();

    private static IEnumerable<Adjacency> Directions(LineageDirection direction, Adjacency up, Adjacency down) => direction switch
    {
        LineageDirection.Upstream => [up],
        LineageDirection.Downstream => [down],
        _ => [up, down],
    };

    /// <summary>Breadth-first from <paramref name="start"/> (excluded), each node once at its least depth; stops past <paramref name="maxNodes"/>.</summary>
    private static List<(int Node, int Depth)> Bfs(Adjacency adjacency, int start, int maxDepth, int maxNodes, out bool truncated)
    {
        truncated = false;
        var reached = new List<(int, int)>();
        // A flat array beats a hash set here: walks from hubs touch a large share of all nodes.
        var seen = new bool[adjacency.NodeCount];
        seen[start] = true;
        var frontier = new List<int> { start };
        var next = new List<int>();
        for (var depth = 1; depth <= maxDepth && frontier.Count > 0; depth++)
        {
            next.Clear();
            foreach (var node in frontier)
            {
                foreach (var neighbour in adjacency.Neighbours(node))
                {
                    if (seen[neighbour])
                    {
                        continue;
                    }

                    // The start counts as one of the cap's nodes.
                    if (reached.Count + 1 >= maxNodes)
                    {
                        truncated = true;
                        return reached;
                    }

                    seen[neighbour] = true;
                    reached.Add((neighbour, depth));
                    next.Add(neighbour);
                }
            }

            (frontier, next) = (next, frontier);
        }

        return reached;
    }

    /// <summary>Compressed sparse rows: the neighbours of node n are targets[offsets[n]..offsets[n+1]].</summary>
    private sealed class Adjacency
    {
        private readonly int[] _offsets;
        private readonly int[] _targets;
        private readonly int[] _jobs;

        private Adjacency(int[] offsets, int[] targets, int[] jobs)
        {
            _offsets = offsets;
            _targets = targets;
            _jobs = jobs;
        }

        public int Count => _targets.Length;

        public int NodeCount => _offsets.Length - 1;

        public static Adjacency Build(int nodes, IEnumerable<(int From, int To, int Job)> edges)
        {
            var list = edges.ToList();
            var offsets = new int[nodes + 1];
            foreach (var (from, _, _) in list)
            {
                offsets[from + 1]++;
            }

            for (var i = 0; i < nodes; i++)
            {
                offsets[i + 1] += offsets[i];
            }

            var fill = (int[])offsets.Clone();
            var targets = new int[list.Count];
            var jobs = new int[list.Count];
            foreach (var (from, to, job) in list)
            {
                targets[fill[from]] = to;
                jobs[fill[from]++] = job;
            }

            return new Adjacency(offsets, targets, jobs);
        }

        public ReadOnlySpan<int> Neighbours(int node) => _targets.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);

        public ReadOnlySpan<int> Jobs(int node) => _jobs.AsSpan(_offsets[node], _offsets[node + 1] - _offsets[node]);
    }

    private sealed class Builder
    {
        public Dictionary<string, int> DatasetIds { get; } = new(StringComparer.Ordinal);
        public List<string> Datasets { get; } = [];
        public List<string?> Jobs { get; } = [null];
        public Dictionary<string, int> JobIds { get; } = new(StringComparer.Ordinal);
        public HashSet<(int Up, int Down, int Job)> DatasetEdgeSet { get; } = [];
        public List<(int Up, int Down, int Job)> DatasetEdges { get; } = [];
        public Dictionary<(int Dataset, string Column), int> ColumnIds { get; } = [];
        public List<(int Dataset, string Column)> Columns { get; } = [];
        public HashSet<(int Up, int Down)> ColumnEdgeSet { get; } = [];
        public List<(int Up, int Down)> ColumnEdges { get; } = [];

        public void Add(LineageEdge edge)
        {
            var up = Dataset(edge.UpstreamUrn);
            var down = Dataset(edge.DownstreamUrn);
            if (edge.UpstreamColumn.Length == 0 && edge.DownstreamColumn.Length == 0)
            {
                var job = edge.JobUrn is null ? 0 : Job(edge.JobUrn);
                if (DatasetEdgeSet.Add((up, down, job)))
                {
                    DatasetEdges.Add((up, down, job));
                }
            }
            else if (edge.UpstreamColumn.Length > 0 && edge.DownstreamColumn.Length > 0)
            {
                var pair = (Column(up, edge.UpstreamColumn), Column(down, edge.DownstreamColumn));
                if (ColumnEdgeSet.Add(pair))
                {
                    ColumnEdges.Add(pair);
                }
            }
        }

        private int Dataset(string urn)
        {
            if (!DatasetIds.TryGetValue(urn, out var id))
            {
                DatasetIds[urn] = id = Datasets.Count;
                Datasets.Add(urn);
            }

            return id;
        }

        private int Job(string urn)
        {
            if (!JobIds.TryGetValue(urn, out var id))
            {
                JobIds[urn] = id = Jobs.Count;
                Jobs.Add(urn);
            }

            return id;
        }

        private int Column(int dataset, string column)
        {
            if (!ColumnIds.TryGetValue((dataset, column), out var id))
            {
                ColumnIds[(dataset, column)] = id = Columns.Count;
                Columns.Add((dataset, column));
            }

            return id;
        }
    }
}
