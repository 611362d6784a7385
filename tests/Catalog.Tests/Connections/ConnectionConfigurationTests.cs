using Microsoft.Extensions.Options;
using TownLake.Catalog.Connections;
using TownLake.Catalog.QueryFront;

namespace TownLake.Catalog.Tests.Connections;

/// <summary>Connections and query limits come from configuration; a wrong setting stops start-up with one line naming it.</summary>
public sealed class ConnectionConfigurationTests
{
    private static string? Failure(params (string Name, Dictionary<string, string> Values)[] connections)
    {
        var options = new ConnectionsOptions();
        foreach (var (name, values) in connections)
        {
            options.Connections[name] = values;
        }

        var result = new ConnectionsOptionsValidator().Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    [Fact]
    public void Well_formed_connections_of_every_type_are_valid() => Assert.Null(Failure(
        ("shop", new() { ["Type"] = "postgres", ["ConnectionString"] = "Host=db;Database=shop;Username=reader" }),
        ("lake", new() { ["Type"] = "files", ["Path"] = "/data/lake", ["RefreshInterval"] = "00:30:00" }),
        ("wh", new() { ["Type"] = "duckdb", ["Path"] = "/data/wh.duckdb" }),
        ("tpch", new() { ["Type"] = "trino", ["Url"] = "http://trino:8080", ["Catalog"] = "tpch", ["User"] = "svc" })));

    [Fact]
    public void An_unknown_type_names_the_setting_and_the_valid_types()
    {
        var failure = Failure(("shop", new() { ["Type"] = "mysql" }));

        Assert.Contains("TownLake:Connections:shop:Type", failure);
        Assert.Contains("duckdb, files, postgres, trino", failure);
    }

    [Fact]
    public void A_missing_type_names_the_setting() =>
        Assert.Contains("TownLake:Connections:shop:Type is missing", Failure(("shop", new() { ["Path"] = "/x" })));

    [Fact]
    public void A_postgres_connection_without_a_connection_string_says_what_to_add() =>
        Assert.Contains("needs a 'ConnectionString'", Failure(("shop", new() { ["Type"] = "postgres" })));

    [Fact]
    public void A_bad_refresh_interval_names_the_setting() =>
        Assert.Contains("TownLake:Connections:lake:RefreshInterval", Failure(("lake", new() { ["Type"] = "files", ["Path"] = "/x", ["RefreshInterval"] = "often" })));

    [Fact]
    public void A_connection_name_that_cannot_prefix_dataset_names_is_refused() =>
        Assert.Contains("is not valid", Failure(("My-Shop", new() { ["Type"] = "duckdb", ["Path"] = "/x.duckdb" })));

    [Fact]
    public void Query_limits_out_of_range_name_their_setting()
    {
        var validator = new QueryFrontOptionsValidator();

        Assert.Contains("TownLake:Query:MaxRows", validator.Validate(null, new QueryFrontOptions { MaxRows = 0 }).FailureMessage);
        Assert.Contains("TownLake:Query:Timeout", validator.Validate(null, new QueryFrontOptions { Timeout = TimeSpan.Zero }).FailureMessage);
    }

    [Fact]
    public async Task The_service_does_not_start_with_a_wrong_connection_setting()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration["TownLake:DataDirectory"] = Path.Combine(Path.GetTempPath(), "townlake-bad-" + Guid.NewGuid().ToString("N"));
        builder.Configuration["TownLake:DemoWarehouse"] = "false";
        builder.Configuration["TownLake:Connections:shop:Type"] = "mysql";
        TownLake.Catalog.Hosting.CatalogServices.AddTownLake(builder);
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("TownLake:Connections:shop:Type is 'mysql'", error.Message);
    }

    [Fact]
    public async Task Configured_connections_are_listed_without_their_secrets()
    {
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Connections:shop:Type"] = "postgres",
            ["TownLake:Connections:shop:ConnectionString"] = "Host=db;Database=shop;Username=reader;Password=s3cret-pw",
            ["TownLake:Connections:shop:Description"] = "The web shop's database.",
        });

        var result = await api.GraphQLAsync("{ connections { name type description } }");

        var shop = Assert.Single(result["data"]!["connections"]!.AsArray())!;
        Assert.Equal("shop", shop["name"]!.GetValue<string>());
        Assert.Equal("postgres", shop["type"]!.GetValue<string>());
        Assert.Equal("The web shop's database.", shop["description"]!.GetValue<string>());
        Assert.DoesNotContain("s3cret-pw", result.ToJsonString());
    }
}
