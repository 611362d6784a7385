using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using TownLake.Bench;

namespace TownLake.DosBench;

/// <summary>
/// One hostile request sent again and again during the attack window, at most <see cref="MaxRuns"/> times and no more
/// often than every <see cref="Interval"/>; records each answer's status and time.
/// </summary>
internal sealed class Attack(string name, int maxRuns, TimeSpan interval, Func<HttpClient, CancellationToken, Task<AttackAnswer>> send)
{
    public string Name { get; } = name;

    public int MaxRuns { get; } = maxRuns;

    public TimeSpan Interval { get; } = interval;

    public Latencies Latencies { get; } = new();

    public ConcurrentDictionary<string, int> Outcomes { get; } = new();

    public async Task RunAsync(HttpClient client, CancellationToken windowEnds)
    {
        for (var run = 0; run < MaxRuns && !windowEnds.IsCancellationRequested; run++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var answer = await send(client, windowEnds);
                Latencies.Add(answer.Elapsed ?? clock.Elapsed);
                Outcomes.AddOrUpdate(answer.Outcome, 1, (_, n) => n + 1);
            }
            catch (OperationCanceledException) when (windowEnds.IsCancellationRequested)
            {
                Outcomes.AddOrUpdate(WindowEnded, 1, (_, n) => n + 1);
                return;
            }
            catch (HttpRequestException e)
            {
                Outcomes.AddOrUpdate("connection error: " + e.Message, 1, (_, n) => n + 1);
            }

            var wait = Interval - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, windowEnds);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Whether every answer was a 4xx (a request cut short by the window's end got none and does not count).</summary>
    public bool AllRefused => Outcomes.Keys.Any(k => k.StartsWith('4')) && Outcomes.Keys.All(k => k.StartsWith('4') || k == WindowEnded);

    public const string WindowEnded = "cut by the window's end";

    public static string Status(HttpStatusCode status, string? code) => code is null ? $"{(int)status}" : $"{(int)status} {code}";
}

/// <summary>How one attack request ended; <see cref="Elapsed"/> overrides the request's own time (e.g. a query run's).</summary>
internal sealed record AttackAnswer(string Outcome, TimeSpan? Elapsed = null);
