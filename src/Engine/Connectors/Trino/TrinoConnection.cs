using TownLake.Engine.Connectors;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// A <c>trino</c> connection read from its <see cref="ConnectionSettings"/>. One TownLake connection maps onto
/// one Trino catalog: dataset <c>{connection}.{schema}.{table}</c> is Trino's <c>{Catalog}.{schema}.{table}</c>.
/// To expose several Trino catalogs, configure one connection per catalog (they may share the <c>Url</c>).
/// </summary>
/// <param name="Name">The TownLake connection name.</param>
/// <param name="ServerUri">The coordinator (<c>Url</c> setting).</param>
/// <param name="Catalog">The Trino catalog (<c>Catalog</c> setting; defaults to the connection name).</param>
/// <param name="ServiceUser">
/// The user for metadata extraction and for queries that arrive without a calling user (<c>User</c> setting; default <c>townlake</c>).
/// </param>
public sealed record TrinoConnection(string Name, Uri ServerUri, string Catalog, string ServiceUser)
{
    /// <summary>Setting naming the Trino catalog behind the connection.</summary>
    public const string CatalogKey = "Catalog";

    /// <summary>Setting naming the Trino user for extraction and user-less queries.</summary>
    public const string UserKey = "User";

    /// <summary>User sent when the connection names none.</summary>
    public const string DefaultServiceUser = "townlake";

    /// <summary>Reads and checks a trino connection; throws <see cref="ConnectionSettingsException"/> saying what to fix.</summary>
    public static TrinoConnection From(ConnectionSettings settings)
    {
        if (settings.Type != ConnectionType.Trino)
        {
            throw new ConnectionSettingsException(
                $"Connection '{settings.Name}' has type '{settings.Type.ToName()}'; only 'trino' connections are read through Trino.");
        }
        settings.Validate();
        var catalog = settings.Option(CatalogKey) ?? settings.Name;
        if (catalog.Any(char.IsControl))
        {
            throw new ConnectionSettingsException($"Connection '{settings.Name}' has a '{CatalogKey}' with control characters.");
        }
        var user = settings.Option(UserKey) ?? DefaultServiceUser;
        if (user.Any(char.IsControl))
        {
            throw new ConnectionSettingsException($"Connection '{settings.Name}' has a '{UserKey}' with control characters.");
        }
        return new TrinoConnection(settings.Name, new Uri(settings.Url!), catalog, user);
    }

    /// <summary>Client options for this connection's coordinator.</summary>
    public TrinoClientOptions ClientOptions => new(ServerUri);
}
