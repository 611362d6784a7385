using Xunit;

namespace TownLake.TestSupport;

/// <summary>
/// One PostgreSQL server shared by every test in the <see cref="PostgresCollection"/>;
/// each test class asks it for a database of its own.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The server, or null when none can be had outside CI (tests then skip with the reason).</summary>
    public PostgresServer? Server { get; private set; }

    /// <summary>Why the server is missing, for the skip message.</summary>
    public string SkipReason => PostgresServer.UnavailableReason ?? "PostgreSQL unavailable";

    /// <summary>
    /// The server, or a skip (outside CI only: under CI=true <see cref="PostgresServer.StartAsync"/> throws instead).
    /// Test projects declare their own <c>[CollectionDefinition]</c> for this fixture, since xunit reads those per assembly.
    /// </summary>
    public PostgresServer RequireServer()
    {
        Skip.If(Server is null, SkipReason);
        return Server!;
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
