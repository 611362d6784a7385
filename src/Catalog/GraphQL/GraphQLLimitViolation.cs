namespace TownLake.Catalog.GraphQL;

/// <summary>
/// A GraphQL request over one of its limits: answered with <see cref="Status"/> and an error whose <c>extensions</c>
/// carry <see cref="Code"/>, the <see cref="Limit"/> (the setting under <c>TownLake:GraphQL</c>) and its <see cref="Max"/>.
/// </summary>
public sealed record GraphQLLimitViolation(string Code, string Limit, long Max, string Message)
{
    /// <summary>A request or document too large to read: 413.</summary>
    public const string TooLarge = "QUERY_TOO_LARGE";

    /// <summary>A document too big or too deep once read: 400.</summary>
    public const string TooComplex = "QUERY_TOO_COMPLEX";

    /// <summary>Validation and execution took longer than allowed: 400.</summary>
    public const string Timeout = "QUERY_TIMEOUT";

    public int Status => Code == TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;

    /// <summary>A count past its limit; counting stops there, so the message says "more than".</summary>
    public static GraphQLLimitViolation Over(string code, string limit, long max, string what) =>
        new(code, limit, max, $"The query has more than {max:N0} {what}; the limit is {GraphQLLimitsOptions.Section}:{limit} = {max:N0}.");
}
