using TownLake.Catalog.Datasets;
using TownLake.Catalog.Documentation;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// Finds the entity an agent names: a URN, or a plain name tried as a dataset (<c>catalog.schema.table</c>), a column
/// (<c>catalog.schema.table.column</c>), a glossary term, a documentation page (title or slug), a user, a group or a job.
/// </summary>
public sealed class EntityResolver(IEntityStore store)
{
    public async Task<object> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        reference = reference.Trim();
        if (reference.StartsWith(Urn.Prefix, StringComparison.Ordinal))
        {
            return await ByUrnAsync(reference, cancellationToken) ?? throw Missing(reference);
        }

        var parts = reference.Split('.');
        if (parts.Length >= 3 && DatasetName.TryParse(string.Join('.', parts.Take(3)), out var name, out _))
        {
            var dataset = await store.GetAsync<Dataset>(Urn.Dataset(name), cancellationToken);
            if (dataset is not null && parts.Length == 3)
            {
                return dataset;
            }

            if (dataset is not null && parts.Length > 3)
            {
                var column = dataset.FindColumn(string.Join('.', parts.Skip(3)));
                return column is null ? throw Missing(reference) : new ColumnEntity(dataset, column);
            }
        }

        foreach (var urn in new[] { Urn.GlossaryTerm(reference), Urn.Document(Document.SlugOf(reference)), Urn.User(reference), Urn.Group(reference) })
        {
            if (await ByUrnAsync(urn, cancellationToken) is { } found)
            {
                return found;
            }
        }

        var job = (await store.ListAsync<Job>(EntityType.Job, includeRemoved: false, cancellationToken))
            .FirstOrDefault(j => j.Name.Equals(reference, StringComparison.OrdinalIgnoreCase) || $"{j.Namespace}:{j.Name}".Equals(reference, StringComparison.OrdinalIgnoreCase));
        return job ?? throw Missing(reference);
    }

    private async Task<object?> ByUrnAsync(string urn, CancellationToken cancellationToken)
    {
        var (type, key) = Urn.Parse(urn);
        object? entity = type switch
        {
            EntityType.Dataset => await store.GetAsync<Dataset>(urn, cancellationToken),
            EntityType.GlossaryTerm => await store.GetAsync<GlossaryTerm>(urn, cancellationToken),
            EntityType.Document => await store.GetAsync<Document>(urn, cancellationToken),
            EntityType.User => await store.GetAsync<User>(urn, cancellationToken),
            EntityType.Group => await store.GetAsync<Group>(urn, cancellationToken),
            EntityType.Job => await store.GetAsync<Job>(urn, cancellationToken),
            EntityType.Column => await ColumnAsync(key, cancellationToken),
            _ => null,
        };
        return entity is ICatalogEntity { Removed: true } ? null : entity;
    }

    private async Task<object?> ColumnAsync(string key, CancellationToken cancellationToken)
    {
        // urn:tl:schemaField:(urn:tl:dataset:a.b.c,column)
        var comma = key.LastIndexOf(',');
        if (!key.StartsWith('(') || !key.EndsWith(')') || comma < 0)
        {
            return null;
        }

        var dataset = await store.GetAsync<Dataset>(key[1..comma], cancellationToken);
        var column = dataset?.FindColumn(key[(comma + 1)..^1]);
        return dataset is null || column is null ? null : new ColumnEntity(dataset, column);
    }

    /// <summary>The one answer for a reference to nothing the caller may see (a hidden column answers the same).</summary>
    internal static CatalogException Missing(string reference) => new(Hosting.Errors.ErrorCodes.NotFound, $"Nothing in the catalog is called {InputEcho.Quote(reference)}.")
    {
        Hint = "Use a dataset's full name (catalog.schema.table), a column as catalog.schema.table.column, a glossary term, a documentation page title, a user, group or job name, or a URN; search_datasets finds names.",
    };
}

/// <summary>A column found by name, with the dataset it belongs to.</summary>
public sealed record ColumnEntity(Dataset Dataset, SchemaField Column)
{
    public string Urn => Identity.Urn.Column(Dataset.Urn, Column.Name);
    public string Name => $"{Dataset.Name}.{Column.Name}";
}
