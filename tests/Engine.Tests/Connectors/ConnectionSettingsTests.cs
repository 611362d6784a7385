using TownLake.Engine.Connectors;

namespace TownLake.Engine.Tests.Connectors;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void Valid_settings_have_no_problems_and_keys_are_case_insensitive()
    {
        var settings = ConnectionSettings.Create("shop", "PostgreSQL", [new("connectionstring", "Host=db;Database=shop")]);

        Assert.Equal(ConnectionType.Postgres, settings.Type);
        Assert.Equal("Host=db;Database=shop", settings.ConnectionString);
        Assert.Empty(settings.Problems());
    }

    [Fact]
    public void Each_type_names_its_missing_setting()
    {
        Assert.Contains("'ConnectionString'", Assert.Single(ConnectionSettings.Create("a", "postgres").Problems()), StringComparison.Ordinal);
        Assert.Contains("'Path'", Assert.Single(ConnectionSettings.Create("a", "duckdb").Problems()), StringComparison.Ordinal);
        Assert.Contains("'Path'", Assert.Single(ConnectionSettings.Create("a", "files").Problems()), StringComparison.Ordinal);
        Assert.Contains("'Url'", Assert.Single(ConnectionSettings.Create("a", "trino").Problems()), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_name_url_and_type_are_rejected_with_a_suggestion()
    {
        var problems = ConnectionSettings.Create("My-Shop", "trino", [new("Url", "ftp://x")]).Problems();

        Assert.Contains(problems, p => p.Contains("my_shop.schema.table", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not an absolute http(s) URL", StringComparison.Ordinal));
        var error = Assert.Throws<ConnectionSettingsException>(() => ConnectionSettings.Create("a", "oracle"));
        Assert.Contains("duckdb, files, postgres, trino", error.Message, StringComparison.Ordinal);
    }
}
