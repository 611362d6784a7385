using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Hosting;

namespace TownLake.Catalog.Tests.Hosting;

/// <summary>
/// A wrong setting is refused with a message naming the setting (Program prints it as one line and exits 2;
/// the end-to-end suite checks that against the real process).
/// </summary>
public sealed class ConfigurationTests
{
    private static string? Failure(Action<TownLakeOptions> configure)
    {
        var options = new TownLakeOptions();
        configure(options);
        var result = new TownLakeOptionsValidator().Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.Null(Failure(_ => { }));

    [Fact]
    public void An_unknown_store_names_TownLake_Store() =>
        Assert.Contains("TownLake:Store", Failure(o => o.Store = "mongodb"));

    [Fact]
    public void Postgres_without_a_connection_string_names_the_missing_setting() =>
        Assert.Contains("TownLake:PostgresConnectionString", Failure(o => o.Store = "postgres"));

    [Fact]
    public void A_malformed_connection_string_is_refused() =>
        Assert.Contains("TownLake:PostgresConnectionString", Failure(o => { o.Store = "postgres"; o.PostgresConnectionString = "Host=x;NoSuchKeyword=1"; }));

    [Fact]
    public void An_unknown_auth_mode_names_TownLake_Auth_Mode() =>
        Assert.Contains("TownLake:Auth:Mode", Failure(o => o.Auth.Mode = "magic"));

    [Fact]
    public void Jwt_without_keys_names_what_is_missing() =>
        Assert.Contains("TownLake:Auth:SigningKey", Failure(o => o.Auth.Mode = "jwt"));

    [Fact]
    public async Task The_service_does_not_start_with_a_wrong_setting()
    {
        // The host Program builds, without Program's catch (which turns this error into one line and exit code 2).
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["TownLake:DataDirectory"] = Path.Combine(Path.GetTempPath(), "townlake-bad-" + Guid.NewGuid().ToString("N"));
        builder.Configuration["TownLake:Store"] = "mongodb";
        builder.AddTownLake();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("TownLake:Store", error.Message, StringComparison.Ordinal);
    }
}
