namespace TownLake.Catalog.Agents.CodeMode;

/// <summary>
/// What one Code Mode script may use: wall time (tool calls included), JavaScript statements, memory allocated by
/// its thread, call depth, tool calls, array and string sizes, and its own length. Fixed rather than configurable:
/// they are the sandbox's promise to the service, not a tuning knob.
/// </summary>
public static class CodeModeLimits
{
    public static readonly TimeSpan Time = TimeSpan.FromSeconds(30);
    public const int Statements = 2_000_000;
    public const long MemoryBytes = 128L * 1024 * 1024;
    public const int Recursion = 100;
    public const int ToolCalls = 50;
    public const uint ArrayLength = 200_000;

    /// <summary>Characters a string built by repeat/padStart/padEnd/join may have.</summary>
    public const int StringLength = 2_000_000;

    public const int ScriptLength = 20_000;

    /// <summary>Scripts running at once in one service; more wait for a slot (each holds a thread while it runs).</summary>
    public const int Concurrent = 2;

    public const int LogLines = 50;
}
