using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>GraphQL enum of <see cref="PiiCategory"/>.</summary>
public sealed class PiiCategoryEnum : EnumerationGraphType<PiiCategory>
{
    public PiiCategoryEnum()
    {
        Name = "PiiCategory";
        Description = "What kind of personal or sensitive data a column holds; NONE means looked at and found nothing.";
    }
}
