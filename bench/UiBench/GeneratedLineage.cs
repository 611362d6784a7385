using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TownLake.UiBench;

/// <summary>
/// A layered lineage graph of exactly <see cref="NodeCount"/> datasets and <see cref="EdgeCount"/> edges, loaded into a
/// running Catalog through its OpenLineage endpoint (<c>POST /api/v1/lineage</c>), one run event per derived dataset.
/// Layer 0 holds sources; each dataset of layer l reads two neighbours of layer l-1 (so every dataset feeds the next
/// layer), some also one dataset of layer l-2; <see cref="Sink"/> reads the whole last layer, so walking upstream from it
/// reaches every dataset.
/// </summary>
public sealed class GeneratedLineage
{
    public const int Layers = 9;
    public const int Width = 111;
    public const int NodeCount = Layers * Width + 1;
    public const int EdgeCount = 2000;
    public const string Namespace = "bench";
    public const string Sink = "bench.gen.sink";

    private GeneratedLineage(IReadOnlyDictionary<string, IReadOnlyList<string>> inputsOf) => InputsOf = inputsOf;

    /// <summary>Each derived dataset's inputs.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> InputsOf { get; }

    public static string Name(int layer, int index) => $"bench.gen.l{layer}_n{index:D3}";

    public static GeneratedLineage Create()
    {
        var inputs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var layer = 1; layer < Layers; layer++)
        {
            for (var i = 0; i < Width; i++)
            {
                inputs[Name(layer, i)] = [Name(layer - 1, i), Name(layer - 1, (i + 1) % Width)];
            }
        }

        inputs[Sink] = [.. Enumerable.Range(0, Width).Select(i => Name(Layers - 1, i))];
        var extra = EdgeCount - inputs.Values.Sum(v => v.Count);
        for (var layer = 2; layer < Layers && extra > 0; layer++)
        {
            for (var i = 0; i < Width && extra > 0; i += 6, extra--)
            {
                inputs[Name(layer, i)].Add(Name(layer - 2, ((i * 5) + 3) % Width));
            }
        }

        if (extra != 0 || inputs.Values.Sum(v => v.Count) != EdgeCount)
        {
            throw new InvalidOperationException("The generated graph does not have the intended number of edges.");
        }

        return new GeneratedLineage(inputs.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal));
    }

    /// <summary>Posts one OpenLineage COMPLETE event per derived dataset, a few at a time.</summary>
    public async Task LoadAsync(HttpClient catalog, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(InputsOf, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (pair, token) =>
        {
            var runEvent = new JsonObject
            {
                ["eventType"] = "COMPLETE",
                ["eventTime"] = DateTimeOffset.UtcNow.ToString("O"),
                ["producer"] = "https://github.com/townlake/townlake/bench/UiBench",
                ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                ["run"] = new JsonObject { ["runId"] = Guid.NewGuid().ToString() },
                ["job"] = new JsonObject { ["namespace"] = Namespace, ["name"] = "build_" + pair.Key },
                ["inputs"] = new JsonArray([.. pair.Value.Select(Dataset)]),
                ["outputs"] = new JsonArray(Dataset(pair.Key)),
            };
            using var response = await catalog.PostAsJsonAsync("/api/v1/lineage", runEvent, token);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /api/v1/lineage answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }
        });

        // Datasets in the namespace duckdb://bench: OpenLineage naming maps bench.<schema>.<table> there straight back to
        // the catalog name (a bare namespace would become part of the catalog name, as another server's would).
        static JsonNode Dataset(string name) => new JsonObject { ["namespace"] = "duckdb://" + Namespace, ["name"] = name };
    }
}
