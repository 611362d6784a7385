using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Hosting;
using TownLake.Catalog.Hosting.Security;

namespace TownLake.Catalog.Tests.Hosting.Security;

/// <summary>
/// Settings that would open the catalog to the network stop the service at start with one line naming the setting:
/// local mode (everyone is admin) listening beyond loopback, the Docker image's defaults, and a query connection that
/// points at the catalog's own database.
/// </summary>
public sealed class StartupRefusalTests
{
    private static string? LocalModeFailure(params (string Key, string Value)[] configuration)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration.Select(c => new KeyValuePair<string, string?>(c.Key, c.Value))).Build();
        var options = config.GetSection(TownLakeOptions.Section).Get<TownLakeOptions>() ?? new TownLakeOptions();
        var result = new LocalModeExposureValidator(config).Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://192.168.1.20:5080")]
    [InlineData("http://localhost:5080;http://catalog.example.com:5080")]
    public void Local_mode_on_a_network_address_is_refused(string urls)
    {
        var failure = LocalModeFailure(("urls", urls));

        Assert.NotNull(failure);
        Assert.Contains("TownLake:Auth:AllowLocalModeOnNetwork", failure);
    }

    [Theory]
    [InlineData("urls", "http://localhost:5080")]
    [InlineData("urls", "http://127.0.0.1:5080;http://[::1]:5080")]
    [InlineData("urls", "http://unix:/run/townlake.sock")]
    public void Local_mode_on_loopback_starts(string key, string value) => Assert.Null(LocalModeFailure((key, value)));

    [Fact]
    public void Kestrel_endpoints_and_http_ports_count_too()
    {
        Assert.NotNull(LocalModeFailure(("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5080")));
        Assert.NotNull(LocalModeFailure(("HTTP_PORTS", "8080")));
    }

    [Fact]
    public void Local_mode_on_the_network_starts_only_when_told_to_on_purpose()
    {
        Assert.Null(LocalModeFailure(("urls", "http://0.0.0.0:8080"), ("TownLake:Auth:AllowLocalModeOnNetwork", "true")));
        Assert.Null(LocalModeFailure(("urls", "http://0.0.0.0:8080"), ("TownLake:Auth:Mode", "jwt")));
    }

    [Fact]
    public async Task The_real_host_refuses_local_mode_on_all_interfaces()
    {
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:5080" });

        // Program prints the validator's line and exits 2 (the end-to-end suite reads it from the real process).
        Assert.ThrowsAny<Exception>(() => api.CreateClient());
    }

    [Fact]
    public void The_docker_image_defaults_to_a_team_mode_that_names_what_is_missing()
    {
        var environment = DockerfileEnvironment(File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Dockerfile")))
            .ToDictionary(p => p.Key == "ASPNETCORE_URLS" ? "urls" : p.Key.Replace("__", ":"), p => (string?)p.Value);
        var config = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        var options = config.GetSection(TownLakeOptions.Section).Get<TownLakeOptions>() ?? new TownLakeOptions();

        var modeFailure = new TownLakeOptionsValidator().Validate(null, options);
        var exposure = new LocalModeExposureValidator(config).Validate(null, options);

        Assert.NotEqual("local", options.Auth.Mode);
        Assert.True(modeFailure.Failed, "the image must not start without identity settings");
        Assert.Contains("TownLake:Auth:SigningKey", modeFailure.FailureMessage);
        Assert.DoesNotContain('\n', modeFailure.FailureMessage);
        Assert.True(exposure.Succeeded);
    }

    /// <summary>The KEY=value pairs of the Dockerfile's ENV instructions (continued lines included).</summary>
    private static IEnumerable<KeyValuePair<string, string>> DockerfileEnvironment(IEnumerable<string> lines)
    {
        var inEnv = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                inEnv = true;
                line = line[4..];
            }

            if (!inEnv)
            {
                continue;
            }

            inEnv = line.EndsWith('\\');
            foreach (var pair in line.TrimEnd('\\').Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Contains('=')))
            {
                var parts = pair.Split('=', 2);
                yield return new(parts[0], parts[1].Trim('"'));
            }
        }
    }

    private static string? OwnDatabaseFailure(string store, string connection)
    {
        var connections = new ConnectionsOptions();
        connections.Connections["shop"] = new(StringComparer.OrdinalIgnoreCase) { ["Type"] = "postgres", ["ConnectionString"] = connection };
        var result = new CatalogDatabaseGuard(Options.Create(connections)).Validate(null, new TownLakeOptions { Store = "postgres", PostgresConnectionString = store });
        return result.Failed ? result.FailureMessage : null;
    }

    [Theory]
    [InlineData("Host=postgres;Username=townlake;Password=x;Database=townlake", "Host=postgres;Username=townlake;Password=x;Database=townlake")]
    [InlineData("Host=postgres;Username=townlake;Database=townlake", "Host=POSTGRES;Port=5432;Username=shop_reader;Database=townlake")]
    [InlineData("Host=localhost;Username=townlake;Database=townlake", "Host=127.0.0.1;Username=reader;Database=townlake")]
    [InlineData("Host=db;Username=townlake", "Host=db;Username=reader;Database=townlake")]
    public void A_connection_into_the_catalogs_own_database_is_refused(string store, string connection)
    {
        var failure = OwnDatabaseFailure(store, connection);

        Assert.NotNull(failure);
        Assert.Contains("TownLake:Connections:shop", failure);
        Assert.Contains("own database", failure);
    }

    [Theory]
    [InlineData("Host=postgres;Username=townlake;Database=townlake", "Host=postgres;Username=shop_reader;Database=shop")]
    [InlineData("Host=postgres;Username=townlake;Database=townlake", "Host=postgres;Port=5433;Username=reader;Database=townlake")]
    [InlineData("Host=catalog-db;Username=townlake;Database=townlake", "Host=warehouse-db;Username=reader;Database=townlake")]
    public void A_separate_database_is_accepted(string store, string connection) => Assert.Null(OwnDatabaseFailure(store, connection));
}
