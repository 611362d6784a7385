using Microsoft.Extensions.Options;

namespace TownLake.Catalog.GraphQL;

/// <summary>Refuses a wrong <c>TownLake:GraphQL</c> limit at start-up with one line naming it.</summary>
public sealed class GraphQLLimitsOptionsValidator : IValidateOptions<GraphQLLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphQLLimitsOptions options)
    {
        var failure =
            Range(nameof(options.MaxRequestBytes), options.MaxRequestBytes, 1024, 64 * 1024 * 1024) ??
            Range(nameof(options.MaxDocumentBytes), options.MaxDocumentBytes, 1024, 16 * 1024 * 1024) ??
            Range(nameof(options.MaxNodes), options.MaxNodes, 10, 10_000_000) ??
            Range(nameof(options.MaxFields), options.MaxFields, 1, 1_000_000) ??
            Range(nameof(options.MaxExpandedFields), options.MaxExpandedFields, 1, 10_000_000) ??
            Range(nameof(options.MaxFragmentSpreads), options.MaxFragmentSpreads, 0, 100_000) ??
            Range(nameof(options.MaxAliases), options.MaxAliases, 0, 100_000) ??
            Range(nameof(options.MaxDepth), options.MaxDepth, 2, 200) ??
            Range(nameof(options.MaxIntrospectionListNesting), options.MaxIntrospectionListNesting, 1, 10) ??
            Range(nameof(options.MaxMutationFields), options.MaxMutationFields, 1, 10_000);
        if (failure is not null)
        {
            return ValidateOptionsResult.Fail(failure);
        }

        if (options.MaxDocumentBytes > options.MaxRequestBytes)
        {
            return ValidateOptionsResult.Fail($"{GraphQLLimitsOptions.Section}:MaxDocumentBytes ({options.MaxDocumentBytes}) is larger than MaxRequestBytes ({options.MaxRequestBytes}); the document is part of the request.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromHours(1))
        {
            return ValidateOptionsResult.Fail($"{GraphQLLimitsOptions.Section}:Timeout is '{options.Timeout}'; use a duration between one millisecond and an hour, e.g. '00:00:30'.");
        }

        return ValidateOptionsResult.Success;
    }

    private static string? Range(string setting, int value, int min, int max) =>
        value >= min && value <= max ? null : $"{GraphQLLimitsOptions.Section}:{setting} is {value}; use {min:N0} to {max:N0}.";
}
