using TownLake.TestSupport;

namespace TownLake.Engine.Tests.Connectors;

/// <summary>Shares one throwaway PostgreSQL server between the connector and query tests of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Engine PostgreSQL";
}
