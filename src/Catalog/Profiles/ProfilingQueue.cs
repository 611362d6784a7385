using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Profiles;

/// <summary>
/// Connections waiting to be profiled. Ingestion asks here and returns at once; <see cref="ProfilingWorker"/> profiles
/// them in the background, one connection at a time. A connection already waiting is not queued twice.
/// </summary>
public sealed class ProfilingQueue(IOptions<ProfilesOptions> options)
{
    private readonly Channel<string> _waiting = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _queued = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>Called when a connection was ingested: profiles it unless <see cref="ProfilesOptions.OnIngestion"/> is off.</summary>
    public void AfterIngestion(string connectionName)
    {
        if (options.Value.OnIngestion)
        {
            Request(connectionName);
        }
    }

    /// <summary>Asks for the connection to be profiled soon.</summary>
    public void Request(string connectionName)
    {
        lock (_gate)
        {
            if (!_queued.Add(connectionName))
            {
                return;
            }
        }

        _waiting.Writer.TryWrite(connectionName);
    }

    /// <summary>The connections asked for, as they come.</summary>
    public async IAsyncEnumerable<string> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var name in _waiting.Reader.ReadAllAsync(cancellationToken))
        {
            lock (_gate)
            {
                _queued.Remove(name);
            }

            yield return name;
        }
    }
}
