using GraphQL.Types;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>The fields <c>Grant</c> and <c>AccessRequest</c> share: what access, to which dataset and columns.</summary>
public static class AccessTermsFields
{
    /// <summary>Adds <c>id</c>.</summary>
    public static void AddIdField<T>(this ObjectGraphType<T> type, string description) where T : IAccessTerms =>
        type.Field<NonNullGraphType<IdGraphType>>("id").Description(description).Resolve(c => c.Source.Id);

    /// <summary>Adds <c>datasetUrn</c>, <c>dataset</c>, <c>columns</c> and <c>level</c>.</summary>
    public static void AddTermsFields<T>(this ObjectGraphType<T> type, string columnsDescription) where T : IAccessTerms
    {
        type.Field<NonNullGraphType<StringGraphType>>("datasetUrn").Description("The dataset's URN.").Resolve(c => c.Source.DatasetUrn);
        type.Field<NonNullGraphType<StringGraphType>>("dataset").Description("The dataset's name.").Resolve(c => Urn.Parse(c.Source.DatasetUrn).Key);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("columns").Description(columnsDescription).Resolve(c => c.Source.Columns);
        type.Field<NonNullGraphType<AccessLevelEnum>>("level").Description("READ or READ_PII.").Resolve(c => c.Source.Level);
    }
}
