using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Profiles;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// <c>profile_column</c>: what the values of one column look like (nulls, distinct count, min/max, moments, lengths,
/// top values, histogram) from the dataset's latest profile, within the budget, governed: personal data's values are
/// redacted unless the caller may see them, and a column hidden from the caller is reported exactly like one that does
/// not exist.
/// </summary>
public sealed class ProfileColumnTool(DatasetService datasets, IProfileStore profiles, AnswerFitter fitter, Governance.AccessEvaluator governance)
{
    public const string Name = "profile_column";

    /// <summary>Longest value text shown; long strings (JSON, free text) say little more past this.</summary>
    private const int ValueChars = 120;

    public AgentTool Tool => new(
        Name,
        "Profile a column",
        "What a column's values look like, from the dataset's latest data profile: null fraction, distinct count, min/max, mean/stddev for numbers, lengths for text, the most frequent values with counts and a histogram — use it to write correct filters (the exact spelling of a value) before start_query. Personal data's values are redacted unless you may see them.",
        [
            AgentToolParameter.String("dataset", "The dataset's full name, catalog.schema.table.", required: true, example: "demo.dim.accounts") with { MaxLength = 1_000 },
            AgentToolParameter.String("column", "The column's name, as list_schema_fields gives it.", required: true, example: "plan") with { MaxLength = 512 },
        ],
        RunAsync)
    {
        Example = "profile_column({ dataset: \"demo.dim.accounts\", column: \"plan\" })",
    };

    private async Task<object> RunAsync(AgentToolCall call)
    {
        var dataset = await datasets.GetByNameAsync(call.Arguments.RequiredString("dataset"), call.CancellationToken);
        var name = call.Arguments.RequiredString("column").Trim();
        var access = await governance.EvaluateAsync(call.Caller, dataset, call.CancellationToken);
        var column = dataset.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        // A hidden column (pending review, denied, outside the caller's grant) gets the very same answer as a missing one.
        if (column is null || access.IsHidden(column.Name))
        {
            throw new CatalogException(Hosting.Errors.ErrorCodes.NotFound, $"{dataset.Name} has no column {InputEcho.Quote(name)} that you can see.")
            {
                Hint = $"Call list_schema_fields({{ dataset: \"{dataset.Name}\" }}) for its column names.",
            };
        }

        var profile = (await profiles.GetProfilesAsync([dataset.Urn], call.CancellationToken)).GetValueOrDefault(dataset.Urn);
        if (profile?.Column(column.Name) is not { } statistics)
        {
            return new
            {
                dataset = dataset.Name,
                column = column.Name,
                profiled = false,
                hint = "This dataset has not been profiled yet (profiles run on ingestion and on a schedule); its owners or a steward can profile it now (GraphQL profileDataset). Meanwhile, start_query a SELECT DISTINCT … LIMIT 20.",
            };
        }

        var redacted = ProfileVisibility.IsRedacted(access, column.Name);
        if (redacted)
        {
            statistics = statistics.WithoutValues();
        }

        object Render(int values) => new
        {
            dataset = dataset.Name,
            column = column.Name,
            type = column.NativeType,
            profiledAt = profile.ProfiledAt,
            rows = profile.RowCount,
            sampled = profile.Sampled ? true : (bool?)null,
            sampleSize = profile.Sampled ? profile.SampleSize : (long?)null,
            nullCount = statistics.NullCount,
            nullFraction = statistics.NullFraction is { } f ? Math.Round(f, 4) : (double?)null,
            distinctCount = statistics.DistinctCount,
            distinctApproximate = statistics.DistinctApproximate ? true : (bool?)null,
            min = AnswerFitter.Clip(statistics.Min, ValueChars),
            max = AnswerFitter.Clip(statistics.Max, ValueChars),
            mean = statistics.Mean,
            stddev = statistics.Stddev,
            minLength = statistics.MinLength,
            maxLength = statistics.MaxLength,
            meanLength = statistics.MeanLength,
            topValues = statistics.TopValues.Count == 0 ? null : statistics.TopValues.Take(values).Select(v => new { value = AnswerFitter.Clip(v.Value, ValueChars), count = v.Count }).ToList(),
            histogram = statistics.Histogram.Count == 0 ? null : statistics.Histogram.Take(values).Select(b => new { lower = AnswerFitter.Clip(b.Lower, ValueChars), upper = AnswerFitter.Clip(b.Upper, ValueChars), count = b.Count }).ToList(),
            redacted = redacted ? true : (bool?)null,
            truncated = values < Math.Max(statistics.TopValues.Count, statistics.Histogram.Count) ? true : (bool?)null,
            valuesOmitted = values < statistics.TopValues.Count ? statistics.TopValues.Count - values : (int?)null,
            hint = redacted ? "Values of this personal-data column are redacted; counts and lengths stay. Ask for a READ_PII grant to see them." : null,
        };

        return Render(fitter.Largest(Math.Max(statistics.TopValues.Count, statistics.Histogram.Count), Render, call.Budget));
    }
}
