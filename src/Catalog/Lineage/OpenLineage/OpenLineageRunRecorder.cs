using System.Text.Json.Nodes;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.Runs;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// Records what an OpenLineage event says about its job and run: the job's facts and version, and the run's state
/// transitions, times, parent, error, facets and the dataset versions it read and wrote.
/// </summary>
public sealed class OpenLineageRunRecorder(IEntityStore store, ILineageRunStore runs)
{
    /// <summary>
    /// Records the job (SQL, location, owners, type, parent, the datasets it reads and writes, and a version that changes
    /// with them) and, unless the event is a JobEvent, its run: state transitions, times, parent, error, facets and the
    /// dataset versions it read and wrote. Events of one run may arrive in any order; the run is merged, not replaced.
    /// </summary>
    internal async Task SaveJobAndRunAsync(OpenLineageEvent lineageEvent, string jobUrn, ResolvedDatasets resolved, Caller caller, CancellationToken cancellationToken)
    {
        var job = lineageEvent.Job;
        var facets = lineageEvent.Run;
        var parentJobUrn = facets.ParentJobName is { Length: > 0 } parentName
            ? Urn.Job(facets.ParentJobNamespace ?? job.Namespace, parentName)
            : null;
        if (parentJobUrn is not null && parentJobUrn != jobUrn && await store.GetAsync<Job>(parentJobUrn, cancellationToken) is null)
        {
            // Marquez shows the parent (an Airflow DAG) as a job of its own, even before any event names it directly.
            await store.SaveAsync<Job>(parentJobUrn, existing => existing ?? new Job { Urn = parentJobUrn, Name = facets.ParentJobName!, Namespace = facets.ParentJobNamespace ?? job.Namespace },
                caller.UserName, cancellationToken);
        }

        var listsDatasets = lineageEvent.Inputs.Count > 0 || lineageEvent.Outputs.Count > 0;
        var inputs = lineageEvent.Inputs.Select(resolved.UrnOf).Distinct().ToList();
        var outputs = lineageEvent.Outputs.Select(resolved.UrnOf).Distinct().ToList();
        string? version = null;
        await store.SaveAsync<Job>(jobUrn, existing =>
        {
            var current = existing ?? new Job { Urn = jobUrn, Name = job.Name, Namespace = job.Namespace };
            var newer = !lineageEvent.IsJobEvent && (current.LastRunAt is null || lineageEvent.EventTime >= current.LastRunAt);
            var updated = current with
            {
                Sql = job.Sql ?? current.Sql,
                Description = job.Description ?? current.Description,
                Location = job.Location ?? current.Location,
                Owners = job.Owners.Count > 0 ? job.Owners : current.Owners,
                ProcessingType = job.ProcessingType ?? current.ProcessingType,
                Integration = job.Integration ?? current.Integration,
                ParentJobUrn = parentJobUrn ?? current.ParentJobUrn,
                Inputs = listsDatasets ? inputs : current.Inputs,
                Outputs = listsDatasets ? outputs : current.Outputs,
                LastRunAt = newer ? lineageEvent.EventTime : current.LastRunAt,
                LastRunId = newer ? lineageEvent.RunId : current.LastRunId,
                LastRunState = newer ? lineageEvent.EventType : current.LastRunState,
                Removed = false,
            };
            version = JobVersion(updated);
            return updated with { Version = version };
        }, caller.UserName, cancellationToken);

        if (lineageEvent.IsJobEvent)
        {
            return;
        }

        RunDataset Touched(OpenLineageDataset d) => new(resolved.UrnOf(d), d.Namespace, d.Name, d.Version);
        var state = JobRun.StateOf(lineageEvent.EventType);
        await runs.SaveRunAsync(lineageEvent.RunId, existing =>
        {
            var run = existing ?? new JobRun { RunId = lineageEvent.RunId, JobUrn = jobUrn, State = state, CreatedAt = lineageEvent.EventTime, UpdatedAt = lineageEvent.EventTime };
            var transitions = run.Transitions.Append(new RunTransition(state, lineageEvent.EventType, lineageEvent.EventTime))
                .DistinctBy(t => (t.EventType, t.At)).OrderBy(t => t.At).ThenBy(t => JobRun.IsFinal(t.State)).ToList();
            var significant = transitions.Where(t => t.State != "NEW").ToList();
            // Out-of-order delivery: a RUNNING reported after the end is older news, so a final state stands.
            var current = significant.LastOrDefault(t => JobRun.IsFinal(t.State)) ?? significant.LastOrDefault() ?? transitions[^1];
            return run with
            {
                JobUrn = jobUrn,
                State = current.State,
                CreatedAt = lineageEvent.EventTime < run.CreatedAt ? lineageEvent.EventTime : run.CreatedAt,
                UpdatedAt = lineageEvent.EventTime > run.UpdatedAt ? lineageEvent.EventTime : run.UpdatedAt,
                Transitions = transitions,
                StartedAt = transitions.Where(t => t.State == "RUNNING").Select(t => (DateTimeOffset?)t.At).FirstOrDefault() ?? run.StartedAt,
                EndedAt = transitions.Where(t => JobRun.IsFinal(t.State)).Select(t => (DateTimeOffset?)t.At).LastOrDefault() ?? run.EndedAt,
                NominalStartTime = facets.NominalStartTime ?? run.NominalStartTime,
                NominalEndTime = facets.NominalEndTime ?? run.NominalEndTime,
                ParentRunId = facets.ParentRunId ?? run.ParentRunId,
                ParentJobUrn = parentJobUrn ?? run.ParentJobUrn,
                JobVersion = listsDatasets || run.JobVersion is null ? version : run.JobVersion,
                ErrorMessage = facets.ErrorMessage ?? run.ErrorMessage,
                ErrorLanguage = facets.ErrorLanguage ?? run.ErrorLanguage,
                StackTrace = facets.StackTrace ?? run.StackTrace,
                Facets = MergeFacets(run.Facets, facets.Json),
                Inputs = [.. lineageEvent.Inputs.Select(Touched).Concat(run.Inputs).DistinctBy(d => (d.Namespace, d.Name)).DistinctBy(d => d.DatasetUrn)],
                Outputs = [.. lineageEvent.Outputs.Select(Touched).Concat(run.Outputs).DistinctBy(d => (d.Namespace, d.Name)).DistinctBy(d => d.DatasetUrn)],
            };
        }, cancellationToken);
    }

    /// <summary>A version of a job: what it runs and what it reads and writes (Marquez versions jobs the same way).</summary>
    private static string JobVersion(Job job) => OpenLineageEventReader.Hash(string.Join('\n',
        [job.Namespace, job.Name, job.Sql ?? "", job.Location ?? "", string.Join(',', job.Inputs.Order(StringComparer.Ordinal)), string.Join(',', job.Outputs.Order(StringComparer.Ordinal))]))[..32];

    private static string MergeFacets(string stored, string incoming)
    {
        var merged = JsonNode.Parse(stored) as JsonObject ?? [];
        if (JsonNode.Parse(incoming) is JsonObject update)
        {
            foreach (var (key, value) in update.ToList())
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged.ToJsonString();
    }
}
