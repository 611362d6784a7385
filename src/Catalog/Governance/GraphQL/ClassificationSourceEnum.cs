using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>GraphQL enum of <see cref="ClassificationSource"/>.</summary>
public sealed class ClassificationSourceEnum : EnumerationGraphType<ClassificationSource>
{
    public ClassificationSourceEnum()
    {
        Name = "ClassificationSource";
        Description = "Who classified a column: the SCANNER (a finding until reviewed) or a PERSON (an override no rescan reverts).";
    }
}
