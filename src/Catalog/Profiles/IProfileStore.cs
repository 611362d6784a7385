namespace TownLake.Catalog.Profiles;

/// <summary>Where dataset profiles are kept: the latest profile per dataset.</summary>
public interface IProfileStore
{
    /// <summary>Keeps <paramref name="profile"/> as its dataset's latest, replacing the one before.</summary>
    Task SaveProfileAsync(DatasetProfile profile, CancellationToken cancellationToken);

    /// <summary>The latest profiles of the given datasets; datasets never profiled are absent.</summary>
    Task<IReadOnlyDictionary<string, DatasetProfile>> GetProfilesAsync(IReadOnlyCollection<string> datasetUrns, CancellationToken cancellationToken);
}
