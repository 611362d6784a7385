using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>GraphQL enum of <see cref="AccessLevel"/>.</summary>
public sealed class AccessLevelEnum : EnumerationGraphType<AccessLevel>
{
    public AccessLevelEnum()
    {
        Name = "AccessLevel";
        Description = "What a grant allows: READ (PII redacted) or READ_PII (PII unlockable per query with a reason).";
    }
}
