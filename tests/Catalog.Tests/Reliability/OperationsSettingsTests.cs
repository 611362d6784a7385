using TownLake.Catalog.Hosting.Operations;

namespace TownLake.Catalog.Tests.Reliability;

/// <summary>Reliability settings that cannot work are refused at start-up, naming the setting and a valid example.</summary>
public sealed class OperationsSettingsTests
{
    public static TheoryData<string, Action<OperationsOptions>> WrongSettings => new()
    {
        { "StoreStartupRetryMax", o => o.StoreStartupRetryMax = TimeSpan.Zero },
        { "StoreStartupRetryMax", o => o.StoreStartupRetryMax = TimeSpan.FromHours(1) },
        { "ChangeLogRetention", o => o.ChangeLogRetention = TimeSpan.FromSeconds(-1) },
        { "ChangeLogRetention", o => o.ChangeLogRetention = TimeSpan.FromDays(4000) },
        { "ChangeLogFollowerTimeout", o => o.ChangeLogFollowerTimeout = TimeSpan.Zero },
        { "ChangeLogPruneInterval", o => o.ChangeLogPruneInterval = TimeSpan.FromMilliseconds(10) },
        { "ChangeLogPruneInterval", o => o.ChangeLogPruneInterval = TimeSpan.FromDays(2) },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void A_reliability_setting_out_of_range_is_refused_naming_it(string setting, Action<OperationsOptions> spoil)
    {
        var options = new OperationsOptions();
        spoil(options);

        var result = new OperationsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("TownLake:Operations:" + setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_keep_a_week_of_change_log_and_are_valid()
    {
        var options = new OperationsOptions();

        Assert.True(new OperationsOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromDays(7), options.ChangeLogRetention);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StoreStartupRetryMax);
    }
}
