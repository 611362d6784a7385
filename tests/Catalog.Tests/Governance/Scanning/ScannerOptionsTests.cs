using TownLake.Catalog.Governance.Scanning;

namespace TownLake.Catalog.Tests.Governance.Scanning;

/// <summary>Scanner settings: absurd values stop start-up with one line naming the setting.</summary>
public sealed class ScannerOptionsTests
{
    [Theory]
    [InlineData("SampleRows", "0")]
    [InlineData("SampleRows", "-5")]
    [InlineData("SampleRows", "2000000000")]
    [InlineData("Interval", "-00:05:00")]
    [InlineData("Interval", "00:00:01")]
    [InlineData("Interval", "9999.00:00:00")]
    [InlineData("MaxParallelTables", "0")]
    [InlineData("MaxParallelTables", "100000")]
    [InlineData("TableTimeout", "-00:00:01")]
    [InlineData("TableTimeout", "00:00:00")]
    [InlineData("MaxValueLength", "1")]
    [InlineData("MaxSampleBytes", "99999999999999")]
    public void An_absurd_setting_is_refused_naming_it(string setting, string value)
    {
        var options = new ScannerOptions();
        var property = typeof(ScannerOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(TimeSpan)
            ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new ScannerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"TownLake:Governance:Scanner:{setting}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new ScannerOptions();
        Assert.True(new ScannerOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(1_000, options.SampleRows);
    }

    [Fact]
    public void A_non_numeric_sample_size_stops_start_up()
    {
        using var api = new CatalogApiFactory(settings: new Dictionary<string, string?> { ["TownLake:Governance:Scanner:SampleRows"] = "lots" });
        Assert.ThrowsAny<Exception>(() => api.CreateClient());
    }
}
