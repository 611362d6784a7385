using TownLake.TestSupport;

namespace TownLake.EndToEnd.Tests.Reliability;

/// <summary>Shares one throwaway PostgreSQL server among this assembly's reliability tests (each takes a database of its own).</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilityPostgres : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Reliability PostgreSQL";
}
