namespace TownLake.Engine.Tests.Connectors.Trino;

/// <summary>Gives each test its own <see cref="TrinoTestServer"/> and an HTTP client to reach it.</summary>
public abstract class TrinoServerTestBase : IAsyncLifetime
{
    protected HttpClient Http { get; } = new();

    protected TrinoTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TrinoTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A port on which nothing listens any more: the server's, after replacing the server with a new one.</summary>
    protected async Task<int> AbandonServerPortAsync()
    {
        var port = Server.BaseUri.Port;
        await Server.DisposeAsync();
        Server = await TrinoTestServer.StartAsync();
        return port;
    }
}
