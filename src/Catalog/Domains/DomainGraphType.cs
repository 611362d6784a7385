using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Domains;

/// <summary>GraphQL type of a domain.</summary>
public sealed class DomainGraphType : ObjectGraphType<Domain>
{
    public DomainGraphType()
    {
        Name = "Domain";
        Description = "A business domain grouping datasets.";
        this.AddEntityFields();
        Field(d => d.Description, nullable: true).Description("What the domain covers.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetGraphType>>>>("datasets").Description("Datasets in the domain, by name.")
            .Argument<IntGraphType>("first", "How many (default 50, at most 1000).", a => a.DefaultValue = 50)
            .Resolve(c => c.Loader<DomainDatasetsLoader>().Load(c.Source.Name, c.GetArgument("first", 50)));
    }
}
