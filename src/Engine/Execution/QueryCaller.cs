namespace TownLake.Engine.Execution;

/// <summary>The user a statement runs for, and the groups the catalog knows them by.</summary>
/// <param name="User">User name as authenticated by the front (sent to Trino as <c>X-Trino-User</c>).</param>
/// <param name="Groups">Groups of the user, for engines and rules that decide by group.</param>
public sealed record QueryCaller(string User, IReadOnlyList<string> Groups)
{
    /// <summary>Refuses names an engine cannot carry safely in a header (empty, control characters).</summary>
    public void EnsureValid()
    {
        if (string.IsNullOrWhiteSpace(User) || User.Any(char.IsControl))
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, "The calling user name is empty or contains control characters.");
        }
    }
}
