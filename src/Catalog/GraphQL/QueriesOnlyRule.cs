using GraphQL.Validation;
using GraphQLParser.AST;

namespace TownLake.Catalog.GraphQL;

/// <summary>Refuses mutations sent with HTTP GET, so following a link can never change the catalog.</summary>
public sealed class QueriesOnlyRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLOperationDefinition>((operation, validation) =>
        {
            if (operation.Operation != OperationType.Query)
            {
                validation.ReportError(new ValidationError(validation.Document.Source, "BAD_REQUEST", "Mutations must be sent with POST.", operation));
            }
        }));
}
