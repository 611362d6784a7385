using TownLake.Catalog.Profiles;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="IProfileStore"/> must do: keep the latest profile per dataset, whole, and read many at once.</summary>
public abstract class ProfileStoreContract(IStoreDatabase database) : StoreContract(database)
{
    private static DatasetProfile Profile(string urn, DateTimeOffset at, long rows) => new(
        urn, rows, at, Sampled: rows > 100, SampleSize: Math.Min(rows, 100), "updated_at", new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero),
        [
            new ColumnProfile("region", 2, 0.02, 3, false, "AMER", "EMEA", null, null, 4, 4, 4.0,
                [new ValueCount("EMEA", 60), new ValueCount("AMER", 30), new ValueCount(null, 2)], []),
            new ColumnProfile("amount", 0, 0, 98, true, "1.5", "99.25", 42.5, 12.25, null, null, null,
                [new ValueCount("10", 3)], [new HistogramBin("1.5", "50.375", 60), new HistogramBin("50.375", "99.25", 40)]),
        ]);

    [SkippableFact]
    public async Task A_saved_profile_reads_back_whole_and_a_newer_one_replaces_it()
    {
        var urn = DatasetUrn("shop.public.orders");
        var first = Profile(urn, new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), 1_000);
        var second = Profile(urn, new DateTimeOffset(2026, 11, 30, 11, 0, 0, TimeSpan.Zero), 50);
        await Profiles.SaveProfileAsync(first, None);
        await Profiles.SaveProfileAsync(second, None);

        var read = (await Profiles.GetProfilesAsync([urn], None))[urn];

        Assert.Equal(second.RowCount, read.RowCount);
        Assert.Equal(second.ProfiledAt, read.ProfiledAt);
        Assert.Equal(second.Freshness, read.Freshness);
        Assert.False(read.Sampled);
        Assert.Equal(second.Columns[0].TopValues, read.Columns[0].TopValues);
        Assert.Equal(second.Columns[1].Histogram, read.Columns[1].Histogram);
        Assert.Equal(second.Columns[1] with { TopValues = [], Histogram = [] }, read.Columns[1] with { TopValues = [], Histogram = [] });
    }

    [SkippableFact]
    public async Task Profiles_of_many_datasets_are_read_at_once_and_unprofiled_ones_are_absent()
    {
        var urns = Enumerable.Range(0, 520).Select(i => DatasetUrn($"lake.s.t{i:D3}")).ToList();
        foreach (var urn in urns.Where((_, i) => i % 2 == 0))
        {
            await Profiles.SaveProfileAsync(Profile(urn, DateTimeOffset.UnixEpoch, 10), None);
        }

        var read = await Profiles.GetProfilesAsync(urns, None);

        Assert.Equal(260, read.Count);
        Assert.True(read.ContainsKey(urns[518]));
        Assert.False(read.ContainsKey(urns[519]));
        Assert.Empty(await Profiles.GetProfilesAsync([], None));
    }
}

/// <summary>The profile contract on SQLite.</summary>
public sealed class SqliteProfileStoreTests() : ProfileStoreContract(new SqliteStoreDatabase());

/// <summary>The profile contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresProfileStoreTests(PostgresFixture fixture) : ProfileStoreContract(new PostgresStoreDatabase(fixture));
