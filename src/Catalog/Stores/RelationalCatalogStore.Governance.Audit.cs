using Dapper;
using TownLake.Catalog.Governance;

namespace TownLake.Catalog.Stores;

public abstract partial class RelationalCatalogStore
{
    public async Task AppendEventAsync(GovernanceEvent entry, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await AppendAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GovernanceEvent>> ListEventsAsync(GovernanceEventFilter filter, CancellationToken cancellationToken)
    {
        EnsureFirst(filter.First);
        var where = new List<string>();
        if (filter.User is not null)
        {
            where.Add("(actor = @user OR subject = @user)");
        }

        if (filter.DatasetUrn is not null)
        {
            where.Add("dataset_urn = @dataset");
        }

        if (filter.Kind is not null)
        {
            where.Add("kind = @kind");
        }

        if (filter.From is not null)
        {
            where.Add("at >= @from");
        }

        if (filter.To is not null)
        {
            where.Add("at < @to");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"SELECT * FROM governance_events{Where(where)} ORDER BY at DESC, id DESC LIMIT @first",
            new
            {
                user = filter.User,
                dataset = filter.DatasetUrn,
                kind = filter.Kind is { } k ? Name(k) : null,
                from = filter.From?.ToUnixTimeMilliseconds(),
                to = filter.To?.ToUnixTimeMilliseconds(),
                first = filter.First,
            }, cancellationToken: cancellationToken));
        return rows.Select(r => new GovernanceEvent(r.Id, At(r.At), r.Actor, Parse<GovernanceEventKind>(r.Kind), r.Dataset_Urn, r.Column_Name, r.Subject, r.Summary)).ToList();
    }

    /// <summary>A <c>governance_events</c> row as Dapper reads it.</summary>
    private sealed class EventRow
    {
        public long Id { get; set; }
        public long At { get; set; }
        public string Actor { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Dataset_Urn { get; set; }
        public string? Column_Name { get; set; }
        public string? Subject { get; set; }
        public string Summary { get; set; } = "";
    }
}
