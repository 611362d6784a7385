using Dapper;

namespace TownLake.Catalog.Stores;

/// <summary>Moving a dataset's outside names and lineage onto another dataset (a symlink that renames it).</summary>
public abstract partial class RelationalCatalogStore
{
    public async Task MoveDatasetReferencesAsync(string fromUrn, string toUrn, CancellationToken cancellationToken)
    {
        if (fromUrn == toUrn)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var args = new { from = fromUrn, to = toUrn };
        // The edge sets this changes, logged so every replica's lineage graph re-reads them: the edges into both ends and
        // into every dataset the moved one fed (their upstream end moves).
        var fed = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT downstream FROM lineage_edges WHERE upstream = @from", args, transaction, cancellationToken: cancellationToken));
        // The target keeps its primary name when it has one; the moved names become plain aliases then.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE dataset_aliases SET urn = @to,
              is_primary = CASE WHEN EXISTS (SELECT 1 FROM dataset_aliases p WHERE p.urn = @to AND p.is_primary = 1) THEN 0 ELSE is_primary END
            WHERE urn = @from
            """, args, transaction, cancellationToken: cancellationToken));
        // Edges are keyed by their ends: copy each onto the target (an edge the target already has wins), then drop the
        // originals, and leave out what would become a self-reference.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO lineage_edges (downstream, downstream_column, upstream, upstream_column, origin, job, transformation, expression, updated_at)
            SELECT CASE WHEN downstream = @from THEN @to ELSE downstream END, downstream_column,
                   CASE WHEN upstream = @from THEN @to ELSE upstream END, upstream_column, origin, job, transformation, expression, updated_at
            FROM lineage_edges
            WHERE (downstream = @from OR upstream = @from)
              AND (CASE WHEN downstream = @from THEN @to ELSE downstream END) <> (CASE WHEN upstream = @from THEN @to ELSE upstream END)
            ON CONFLICT DO NOTHING
            """, args, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM lineage_edges WHERE downstream = @from OR upstream = @from", args, transaction, cancellationToken: cancellationToken));
        var changed = new[] { fromUrn, toUrn }.Concat(fed).Distinct(StringComparer.Ordinal).Select(urn => new ChangeLog.ChangeRecord(ChangeLog.ChangeKinds.Lineage, urn)).ToList();
        await CommitWithChangesAsync(connection, transaction, changed, cancellationToken);
    }
}
