using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Glossary.GraphQL;

/// <summary>GraphQL type of a glossary term or term group.</summary>
public sealed class GlossaryTermGraphType : ObjectGraphType<GlossaryTerm>
{
    public GlossaryTermGraphType()
    {
        Name = "GlossaryTerm";
        Description = "A business term (or a group of terms) with its definition, synonyms and related terms.";
        this.AddEntityFields();
        Field(t => t.Definition, nullable: true).Description("What the term means.");
        Field(t => t.IsGroup).Description("True for a term group (a node of the hierarchy).");
        Field<GlossaryTermGraphType>("parent").Description("The group this term sits in.")
            .Resolve(c => c.Source.Parent is null ? null : c.LoadOne<GlossaryTerm>(Urn.GlossaryTerm(c.Source.Parent), null));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GlossaryTermGraphType>>>>("children").Description("Terms and groups inside this group.")
            .Resolve(c => c.Loader<ChildTermsLoader>().Load(c.Source.Name));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("synonyms").Description("Other words for the term; search expands queries with them.").Resolve(c => c.Source.Synonyms);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GlossaryTermGraphType>>>>("relatedTerms").Description("Terms related to this one.")
            .Resolve(c => c.LoadTerms(c.Source.RelatedTerms));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetGraphType>>>>("datasets").Description("Datasets carrying the term (on the dataset or one of its columns).")
            .Argument<IntGraphType>("first", "How many (default 50, at most 1000).", a => a.DefaultValue = 50)
            .Resolve(c => c.Loader<TermDatasetsLoader>().Load(c.Source.Name, c.GetArgument("first", 50)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ColumnRefGraphType>>>>("columns").Description("Columns carrying the term.")
            .Argument<IntGraphType>("first", "How many datasets to look in (default 50).", a => a.DefaultValue = 50)
            .Resolve(c => c.Loader<TermDatasetsLoader>().Load(c.Source.Name, c.GetArgument("first", 50))
                .Then(datasets => datasets.SelectMany(d => d.Columns.Where(col => col.GlossaryTerms.Contains(c.Source.Name)).Select(col => new ColumnOf(d, col))).ToList()));
    }
}

/// <summary>GraphQL type pairing a column with its dataset.</summary>
public sealed class ColumnRefGraphType : ObjectGraphType<ColumnOf>
{
    public ColumnRefGraphType()
    {
        Name = "ColumnRef";
        Description = "A column together with its dataset.";
        Field<NonNullGraphType<DatasetGraphType>>("dataset").Description("The dataset.").Resolve(c => c.Source.Dataset);
        Field<NonNullGraphType<ColumnGraphType>>("column").Description("The column.").Resolve(c => c.Source);
    }
}
