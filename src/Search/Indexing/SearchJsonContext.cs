using System.Text.Json.Serialization;
using TownLake.Search.Documents;

namespace TownLake.Search.Indexing;

/// <summary>Source-generated JSON for the stored copy of each document (read back into results).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SearchDocument))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
