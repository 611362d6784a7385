using Microsoft.ML.Tokenizers;

namespace TownLake.Catalog.Agents.Budgets;

/// <summary>
/// Counts tokens the way current models read text: OpenAI's <c>o200k_base</c> encoding (GPT-4o and later), from
/// <c>Microsoft.ML.Tokenizers</c>. Other models' tokenizers differ by a few percent on JSON, which the budgets
/// absorb by keeping a small reserve (<see cref="AgentBudget.Reserve"/>). Thread-safe; one instance per service.
/// </summary>
public sealed class TokenCounter
{
    private readonly Tokenizer _tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");

    public int Count(string text) => text.Length == 0 ? 0 : _tokenizer.CountTokens(text);
}
