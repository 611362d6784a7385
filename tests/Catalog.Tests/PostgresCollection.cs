using TownLake.TestSupport;

namespace TownLake.Catalog.Tests;

/// <summary>Shares one PostgreSQL server among this assembly's PostgreSQL tests.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
