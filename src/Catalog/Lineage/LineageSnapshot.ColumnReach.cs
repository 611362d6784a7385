namespace TownLake.Catalog.Lineage;

/// <summary>Column reach with the jobs on the way (what a change of one column breaks).</summary>
public sealed partial class LineageSnapshot
{
    /// <summary>
    /// Every column downstream of one column, at its least depth, and the jobs that compute them: the jobs of the dataset
    /// edges each column step crosses. Stops past <paramref name="maxNodes"/> reached columns.
    /// </summary>
    public ColumnReach DownstreamColumns(string urn, string column, int depth, int maxNodes)
    {
        var reached = new List<((string Urn, string Column) Column, int Depth)>();
        var jobs = new SortedSet<string>(StringComparer.Ordinal);
        if (!_datasetIds.TryGetValue(urn, out var dataset) || FindColumn(dataset, column) is not { } start)
        {
            return new ColumnReach(reached, [], false);
        }

        var seen = new HashSet<int> { start };
        var crossed = new HashSet<(int Up, int Down)>();
        var frontier = new List<int> { start };
        var truncated = false;
        for (var d = 1; d <= depth && frontier.Count > 0 && !truncated; d++)
        {
            var next = new List<int>();
            foreach (var node in frontier)
            {
                foreach (var neighbour in _columnDown.Neighbours(node))
                {
                    crossed.Add((_columns[node].Dataset, _columns[neighbour].Dataset));
                    if (!seen.Add(neighbour))
                    {
                        continue;
                    }

                    if (reached.Count >= maxNodes)
                    {
                        truncated = true;
                        break;
                    }

                    reached.Add(((_datasets[_columns[neighbour].Dataset], _columns[neighbour].Column), d));
                    next.Add(neighbour);
                }
            }

            frontier = next;
        }

        foreach (var (up, down) in crossed)
        {
            var neighbours = _down.Neighbours(up);
            var edgeJobs = _down.Jobs(up);
            for (var i = 0; i < neighbours.Length; i++)
            {
                if (neighbours[i] == down && _jobs[edgeJobs[i]] is { } job)
                {
                    jobs.Add(job);
                }
            }
        }

        return new ColumnReach(reached, [.. jobs], truncated);
    }
}

/// <summary>Columns reached downstream of one column (with their depth) and the jobs computing them.</summary>
public sealed record ColumnReach(IReadOnlyList<((string Urn, string Column) Column, int Depth)> Columns, IReadOnlyList<string> Jobs, bool Truncated);
