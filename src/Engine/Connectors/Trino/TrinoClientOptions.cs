namespace TownLake.Engine.Connectors.Trino;

/// <summary>Where the Trino coordinator is and how patiently to talk to it.</summary>
/// <param name="ServerUri">The coordinator, e.g. <c>http://trino:8080</c>; statements go to <c>/v1/statement</c> below it.</param>
public sealed record TrinoClientOptions(Uri ServerUri)
{
    /// <summary>Reported to Trino as <c>X-Trino-Source</c> (shows in the Trino UI and resource-group rules).</summary>
    public string Source { get; init; } = "townlake";

    /// <summary>How many times a 429/502/503/504 (or a dropped connection on a GET) is retried before giving up.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>
    /// First wait before a retry; doubles each time. Trino's protocol documentation asks clients to retry
    /// 502/503/504 after 50-100 ms, so the default sits there.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Upper bound for one wait between retries (also caps a 429's Retry-After).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a best-effort <c>DELETE</c> of a cancelled statement may take.</summary>
    public TimeSpan CancelRequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the options and says which one is wrong.</summary>
    public void Validate()
    {
        if (!ServerUri.IsAbsoluteUri || (ServerUri.Scheme != Uri.UriSchemeHttp && ServerUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Trino server URI '{ServerUri}' must be an absolute http or https URI, e.g. http://trino:8080.");
        }
        if (MaxRetries < 0)
        {
            throw new ArgumentException($"MaxRetries is {MaxRetries}; use 0 to never retry.");
        }
        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            throw new ArgumentException("RetryBaseDelay must be non-negative and not above MaxRetryDelay.");
        }
    }
}
