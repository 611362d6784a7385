using System.Runtime.CompilerServices;

// The pushdown planner and parser are internal; their unit tests live in the engine's test assembly.
[assembly: InternalsVisibleTo("TownLake.Engine.Tests")]
