using System.Collections.Concurrent;
using Castle.DynamicProxy;

namespace TownLake.TestSupport;

/// <summary>
/// Wraps a service interface (e.g. the catalog store) so every call through it is recorded by method name in the
/// <see cref="CallLog"/> open on the calling async flow. Calls made outside an open log (background services) are not
/// recorded, so a test or benchmark counts exactly the calls one request made. (Castle's proxies rather than
/// <c>System.Reflection.DispatchProxy</c>, which cannot proxy generic methods with constraints such as the store's.)
/// </summary>
public static class CountingProxy
{
    private static readonly ProxyGenerator Generator = new();

    /// <summary>A <typeparamref name="T"/> that forwards to <paramref name="target"/> and records into <paramref name="recorder"/>.</summary>
    public static T Wrap<T>(T target, CallRecorder recorder) where T : class =>
        Generator.CreateInterfaceProxyWithTarget(target, new Recording(recorder));

    /// <summary>A proxy of the interface <paramref name="service"/> that forwards to <paramref name="target"/>.</summary>
    public static object Wrap(Type service, object target, CallRecorder recorder) =>
        Generator.CreateInterfaceProxyWithTarget(service, target, new Recording(recorder));

    /// <summary>
    /// Replaces every registration of an interface that <paramref name="implementation"/> implements (the store's ports)
    /// with a recording proxy around the registered instance, so calls through any port are counted.
    /// </summary>
    public static void WrapInterfacesOf(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Type implementation, CallRecorder recorder)
    {
        var ports = services.Where(d => d.ServiceType.IsInterface && d.ServiceType.IsAssignableFrom(implementation) && d.ImplementationFactory is not null).ToList();
        foreach (var port in ports)
        {
            services.Remove(port);
            services.Add(new Microsoft.Extensions.DependencyInjection.ServiceDescriptor(port.ServiceType, sp => Wrap(port.ServiceType, port.ImplementationFactory!(sp), recorder), port.Lifetime));
        }
    }

    private sealed class Recording(CallRecorder recorder) : IInterceptor
    {
        public void Intercept(IInvocation invocation)
        {
            recorder.Record(invocation.Method.Name);
            invocation.Proceed();
        }
    }
}

/// <summary>Where <see cref="CountingProxy"/> records: into the log opened by <see cref="Begin"/> on the current async flow.</summary>
public sealed class CallRecorder
{
    private readonly AsyncLocal<CallLog?> _current = new();

    /// <summary>
    /// Opens a log for the current async flow and what it starts (for an in-process server, set
    /// <c>TestServer.PreserveExecutionContext</c> so the request runs in the caller's flow).
    /// </summary>
    public CallLog Begin()
    {
        var log = new CallLog(this, _current.Value);
        _current.Value = log;
        return log;
    }

    internal void Record(string method) => _current.Value?.Add(method);

    internal void End(CallLog log, CallLog? previous)
    {
        if (ReferenceEquals(_current.Value, log))
        {
            _current.Value = previous;
        }
    }
}

/// <summary>The calls recorded while it was open.</summary>
public sealed class CallLog(CallRecorder recorder, CallLog? previous) : IDisposable
{
    private readonly ConcurrentQueue<string> _calls = new();

    /// <summary>Method names, in the order the calls were made.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public int Count => _calls.Count;

    /// <summary>Calls per method name, most first.</summary>
    public string Summary() => string.Join(", ", _calls.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"));

    internal void Add(string method) => _calls.Enqueue(method);

    public void Dispose() => recorder.End(this, previous);
}
