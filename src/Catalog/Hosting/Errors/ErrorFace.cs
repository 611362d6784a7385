namespace TownLake.Catalog.Hosting.Errors;

/// <summary>
/// The body shape an endpoint's errors are written in, set as endpoint metadata with <see cref="ErrorFaceExtensions.WithErrorFace{TBuilder}"/>;
/// endpoints without it answer in <see cref="Rest"/>. MCP tools answer in their own way (<see cref="ErrorBodies.ToolResult"/>).
/// </summary>
public enum ErrorFace
{
    /// <summary><c>{"error": {"code", "message", "hint"?}}</c>: the agent, query and lineage JSON APIs.</summary>
    Rest,

    /// <summary>Marquez's <c>ErrorMessage</c>, <c>{"code": &lt;status&gt;, "message", "details"?}</c>: the Marquez-compatible <c>/api/v1</c> routes.</summary>
    Marquez,

    /// <summary><c>{"errors": [{"message", "extensions": {"code", "hint"?}}]}</c>: <c>/graphql</c>.</summary>
    GraphQL,
}

/// <summary>Marks endpoints with the error face they answer in.</summary>
public static class ErrorFaceExtensions
{
    public static TBuilder WithErrorFace<TBuilder>(this TBuilder builder, ErrorFace face) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(face);
}
