using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>The caller's access to a dataset: the front door's answer.</summary>
public sealed class DatasetAccessGraphType : ObjectGraphType<AccessView>
{
    public DatasetAccessGraphType()
    {
        Name = "DatasetAccess";
        Description = "What you may do with this dataset: whether you can query it, see its PII, and how to ask for access.";
        Field<NonNullGraphType<ReviewStateEnum>>("state").Description("The dataset's review state.").Resolve(c => c.Source.Access.State);
        Field<NonNullGraphType<BooleanGraphType>>("canQuery").Description("True when your queries may read it.").Resolve(c => c.Source.Access.CanQuery);
        Field<NonNullGraphType<BooleanGraphType>>("canSeePii").Description("True when you hold an unexpired READ_PII grant covering every PII column (unlock per query with a reason).")
            .Resolve(c => c.Source.Access.CanSeePii);
        Field<StringGraphType>("denial").Description("Why you cannot query it (null when you can).").Resolve(c => c.Source.Access.Denial);
        Field<NonNullGraphType<StringGraphType>>("request").Description("How to get access.").Resolve(c => c.Source.Access.Request);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("visibleColumns").Description("Columns that exist for your queries.").Resolve(c => c.Source.Access.VisibleColumns);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("piiColumns").Description("Visible columns holding PII (redacted unless unlocked).").Resolve(c => c.Source.Access.PiiColumns);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("pendingColumns")
            .Description("Columns waiting for review (hidden). Names are shown to reviewers and the dataset's owners; others see hiddenColumnCount only.")
            .Resolve(c => c.Source.ShowHiddenNames ? c.Source.Access.PendingColumns : []);
        Field<NonNullGraphType<IntGraphType>>("hiddenColumnCount").Description("How many columns are hidden from you (pending, denied, outside your grant).")
            .Resolve(c => c.Source.Access.PendingColumns.Count + c.Source.Access.DeniedColumns.Count);
    }
}
