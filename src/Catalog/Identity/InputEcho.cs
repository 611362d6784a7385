namespace TownLake.Catalog.Identity;

/// <summary>
/// How error messages quote what a caller sent: a value longer than <see cref="MaxEchoLength"/> characters is cut and its
/// length stated, so a megabyte-long name gives a short error instead of a megabyte-long one.
/// </summary>
public static class InputEcho
{
    /// <summary>Characters of a caller's value a message repeats at most.</summary>
    public const int MaxEchoLength = 100;

    /// <summary>Characters of a whole error message at most; the last guard when a message quotes input another way.</summary>
    public const int MaxMessageLength = 2_000;

    /// <summary>The value in single quotes, cut when long: <c>'abc…' (1,048,576 characters)</c>.</summary>
    public static string Quote(string? value) =>
        value is null ? "null"
        : value.Length <= MaxEchoLength ? $"'{value}'"
        : $"'{value[..MaxEchoLength]}…' ({value.Length:N0} characters)";

    /// <summary>The value cut to <paramref name="max"/> characters with an ellipsis, for paths and names inside a message.</summary>
    public static string Truncate(string value, int max = MaxEchoLength) =>
        value.Length <= max ? value : value[..max] + "…";

    /// <summary>A whole message cut to <see cref="MaxMessageLength"/> characters.</summary>
    public static string Message(string message) =>
        message.Length <= MaxMessageLength ? message : $"{message[..MaxMessageLength]}… (message cut at {MaxMessageLength:N0} of {message.Length:N0} characters)";
}
