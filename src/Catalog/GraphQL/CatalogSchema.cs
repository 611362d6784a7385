using GraphQL.Types;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.Domains;
using TownLake.Catalog.Glossary.GraphQL;
using TownLake.Catalog.Tags;
using TownLake.Catalog.Users.GraphQL;

namespace TownLake.Catalog.GraphQL;

/// <summary>The TownLake GraphQL schema; each feature adds its own fields to the roots.</summary>
public sealed class CatalogSchema : Schema
{
    public CatalogSchema(IServiceProvider services) : base(services)
    {
        // Standard clients' introspection (graphql-js getIntrospectionQuery with inputValueDeprecation, as GraphiQL
        // sends it) asks for deprecated arguments and input fields and for directives' isRepeatable.
        Features.DeprecationOfInputValues = true;
        Features.RepeatableDirectives = true;
        Query = new CatalogQuery();
        Mutation = new CatalogMutation();
        RegisterType(typeof(TagGraphType));
        RegisterType(typeof(DomainGraphType));
        RegisterType(typeof(UserGraphType));
        RegisterType(typeof(GroupGraphType));
        RegisterType(typeof(GlossaryTermGraphType));
        RegisterType(typeof(DatasetGraphType));
        RegisterType(typeof(Lineage.GraphQL.JobGraphType));
        RegisterType(typeof(Documentation.GraphQL.DocumentGraphType));
    }

    /// <inheritdoc />
    protected override void OnBeforeInitializeType(IGraphType graphType) => SpecIntrospection.Complete(graphType);
}

/// <summary>The query root.</summary>
public sealed class CatalogQuery : ObjectGraphType
{
    public CatalogQuery()
    {
        Name = "Query";
        Description = "Read the catalog.";
        this.AddDatasetQueries();
        this.AddGlossaryQueries();
        this.AddDirectoryQueries();
        Lineage.GraphQL.LineageOperations.AddLineageQueries(this);
        Connections.GraphQL.ConnectionOperations.AddConnectionQueries(this);
        QueryFront.GraphQL.QueryOperations.AddQueryFrontQueries(this);
        Discovery.GraphQL.SearchOperations.AddSearchQueries(this);
        Documentation.GraphQL.DocumentOperations.AddDocumentQueries(this);
        Governance.GraphQL.GovernanceOperations.AddGovernanceQueries(this);
        Agents.Memory.GraphQL.AgentNoteOperations.AddAgentNoteQueries(this);
    }
}

/// <summary>The mutation root.</summary>
public sealed class CatalogMutation : ObjectGraphType
{
    public CatalogMutation()
    {
        Name = "Mutation";
        Description = "Change the catalog; every change is recorded with its actor.";
        this.AddDatasetMutations();
        this.AddGlossaryMutations();
        Lineage.GraphQL.LineageOperations.AddLineageMutations(this);
        Connections.GraphQL.ConnectionOperations.AddConnectionMutations(this);
        QueryFront.GraphQL.QueryOperations.AddQueryFrontMutations(this);
        Documentation.GraphQL.DocumentOperations.AddDocumentMutations(this);
        Governance.GraphQL.GovernanceOperations.AddGovernanceMutations(this);
        Profiles.GraphQL.ProfileOperations.AddProfileMutations(this);
        Agents.Memory.GraphQL.AgentNoteOperations.AddAgentNoteMutations(this);
    }
}
