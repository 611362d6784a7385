using TownLake.Catalog.Domains;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Tags;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Datasets;

/// <summary>
/// Every change to datasets goes through here: ingestion upserts and the edits people make (descriptions, tags,
/// owners, terms, domain, deprecation, deletion). It validates input, checks the caller may edit, keeps referenced
/// tags/owners/domains in existence, and lets the store record each change with its actor.
/// </summary>
public sealed class DatasetService(IEntityStore store, TimeProvider clock, Lineage.Impact.SchemaChangeImpactRecorder schemaImpacts)
{
    private const int MaxTextLength = 65_536;

    public async Task<Dataset> GetAsync(string urn, CancellationToken cancellationToken) =>
        await store.GetAsync<Dataset>(urn, cancellationToken) ?? throw CatalogException.NotFound($"No dataset has URN {urn}.");

    public async Task<Dataset?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        await store.GetAsync<Dataset>(Urn.Dataset(DatasetName.Parse(name)), cancellationToken);

    /// <summary>The dataset of that name, or NOT_FOUND (the agent API and MCP tools say the same).</summary>
    public async Task<Dataset> GetByNameAsync(string name, CancellationToken cancellationToken) =>
        await FindByNameAsync(name, cancellationToken) ?? throw CatalogException.NotFound($"No dataset is named {InputEcho.Quote(name)}.");

    public async Task<Dataset> UpsertAsync(DatasetUpsert input, Caller caller, CancellationToken cancellationToken) =>
        (await UpsertManyAsync([input], caller, cancellationToken))[0].Entity;

    /// <summary>Upserts many datasets in one transaction: all land or none does.</summary>
    public async Task<IReadOnlyList<SaveResult<Dataset>>> UpsertManyAsync(IReadOnlyList<DatasetUpsert> inputs, Caller caller, CancellationToken cancellationToken)
    {
        caller.EnsureCanEdit("ingest datasets", requireRole: false);
        var validated = inputs.Select(i => (Name: DatasetName.Parse(i.Name), Input: Validate(i))).ToList();
        var duplicate = validated.GroupBy(v => v.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw CatalogException.BadInput($"Dataset {duplicate.Key} appears more than once in one upsert.");
        }

        if (!caller.CanEdit)
        {
            // Without a role a caller may only re-ingest datasets they own; creating datasets needs a steward.
            var existing = await store.GetManyAsync<Dataset>(validated.Select(v => Urn.Dataset(v.Name)).ToList(), cancellationToken);
            foreach (var (name, _) in validated)
            {
                if (!existing.TryGetValue(Urn.Dataset(name), out var dataset))
                {
                    caller.EnsureCanEdit($"create dataset {name}");
                }
                else
                {
                    caller.EnsureCanEdit(dataset, "ingest datasets");
                }
            }
        }

        await EnsureReferencesAsync(
            inputs.SelectMany(i => (i.Tags ?? []).Concat(i.Columns?.SelectMany(c => c.Tags ?? []) ?? [])),
            inputs.SelectMany(i => i.Owners ?? []),
            inputs.Select(i => i.Domain),
            inputs.SelectMany(i => (i.GlossaryTerms ?? []).Concat(i.Columns?.SelectMany(c => c.GlossaryTerms ?? []) ?? [])),
            caller, cancellationToken);
        var now = clock.GetUtcNow();
        var reshaped = new Dictionary<string, (Dataset Before, Dataset After)>(StringComparer.Ordinal);
        var changes = validated.Select(v => new EntityChange<Dataset>(Urn.Dataset(v.Name), existing =>
        {
            var merged = Merge(existing ?? Dataset.Create(v.Name, now), existing is null, v.Input);
            if (existing is not null && merged.SchemaVersion != existing.SchemaVersion)
            {
                reshaped[merged.Urn] = (existing, merged);
            }

            return merged;
        })).ToList();
        var results = await store.SaveManyAsync(changes, caller.UserName, cancellationToken);
        // What a dropped, renamed or retyped column breaks downstream is recorded with the schema version it made.
        var saved = results.Where(r => r.Changed && reshaped.ContainsKey(r.Entity.Urn)).Select(r => (reshaped[r.Entity.Urn].Before, r.Entity)).ToList();
        if (saved.Count > 0)
        {
            await schemaImpacts.RecordAsync(saved, caller.UserName, cancellationToken);
        }

        return results;
    }

    public Task<Dataset> UpdateDescriptionAsync(string urn, string? column, string description, Caller caller, CancellationToken cancellationToken)
    {
        CheckLength(description, "description");
        return EditAsync(urn, caller, "edit descriptions", d => column is null
            ? d with { EditedDescription = description }
            : WithColumn(d, column, c => c with { EditedDescription = description }), cancellationToken);
    }

    public Task<Dataset> AddTagsAsync(string urn, IReadOnlyList<string> tags, string? column, Caller caller, CancellationToken cancellationToken) =>
        EditLabelsAsync(Labels.Tags, add: true, urn, tags, column, caller, cancellationToken);

    public Task<Dataset> RemoveTagsAsync(string urn, IReadOnlyList<string> tags, string? column, Caller caller, CancellationToken cancellationToken) =>
        EditLabelsAsync(Labels.Tags, add: false, urn, tags, column, caller, cancellationToken);

    public Task<Dataset> AddGlossaryTermsAsync(string urn, IReadOnlyList<string> terms, string? column, Caller caller, CancellationToken cancellationToken) =>
        EditLabelsAsync(Labels.GlossaryTerms, add: true, urn, terms, column, caller, cancellationToken);

    public Task<Dataset> RemoveGlossaryTermsAsync(string urn, IReadOnlyList<string> terms, string? column, Caller caller, CancellationToken cancellationToken) =>
        EditLabelsAsync(Labels.GlossaryTerms, add: false, urn, terms, column, caller, cancellationToken);

    public async Task<Dataset> AddOwnersAsync(string urn, IReadOnlyList<Ownership> owners, Caller caller, CancellationToken cancellationToken)
    {
        var clean = owners.Select(o => o with { Owner = CleanName(o.Owner, "owner") }).ToList();
        await AuthorizeEditAsync(urn, caller, "change owners", cancellationToken);
        await EnsureReferencesAsync([], clean, [], [], caller, cancellationToken);
        return await EditAsync(urn, caller, "change owners", d => d with
        {
            // One entry per owner: adding an owner again changes its ownership type.
            Owners = d.Owners.Where(o => !clean.Any(c => c.Owner == o.Owner)).Concat(clean.DistinctBy(c => c.Owner)).ToList(),
        }, cancellationToken);
    }

    public Task<Dataset> RemoveOwnersAsync(string urn, IReadOnlyList<string> owners, Caller caller, CancellationToken cancellationToken)
    {
        var names = CleanNames(owners, "owner");
        return EditAsync(urn, caller, "change owners", d => d with { Owners = d.Owners.Where(o => !names.Contains(o.Owner)).ToList() }, cancellationToken);
    }

    public async Task<Dataset> SetDomainAsync(string urn, string? domain, Caller caller, CancellationToken cancellationToken)
    {
        var name = domain is null ? null : CleanName(domain, "domain");
        await AuthorizeEditAsync(urn, caller, "set domains", cancellationToken);
        await EnsureReferencesAsync([], [], [name], [], caller, cancellationToken);
        return await EditAsync(urn, caller, "set domains", d => d with { Domain = name }, cancellationToken);
    }

    public Task<Dataset> DeprecateAsync(string urn, bool deprecated, string? note, Caller caller, CancellationToken cancellationToken)
    {
        if (note is not null)
        {
            CheckLength(note, "deprecation note");
        }

        return EditAsync(urn, caller, "deprecate datasets", d => d with
        {
            Deprecation = deprecated ? new Deprecation(true, note, caller.UserName, clock.GetUtcNow()) : null,
        }, cancellationToken);
    }

    /// <summary>Soft delete: the dataset stays in the store (and its history) but leaves browse and search.</summary>
    public Task<Dataset> DeleteAsync(string urn, Caller caller, CancellationToken cancellationToken) =>
        EditAsync(urn, caller, "delete datasets", d => d with { Removed = true }, cancellationToken);

    private async Task<Dataset> EditAsync(string urn, Caller caller, string what, Func<Dataset, Dataset> edit, CancellationToken cancellationToken)
    {
        caller.EnsureCanEdit(what, requireRole: false);
        Urn.DatasetNameOf(urn);
        // Checked again inside the write, against the version being changed: ownership may have changed meanwhile.
        var result = await store.SaveAsync<Dataset>(urn, existing =>
        {
            if (existing is null)
            {
                throw CatalogException.NotFound($"No dataset has URN {urn}.");
            }

            caller.EnsureCanEdit(existing, what);
            return edit(existing);
        }, caller.UserName, cancellationToken);
        return result.Entity;
    }

    /// <summary>Adds names to, or removes them from, one kind of label on the dataset or one of its columns.</summary>
    private async Task<Dataset> EditLabelsAsync(Labels labels, bool add, string urn, IReadOnlyList<string> requested, string? column, Caller caller, CancellationToken cancellationToken)
    {
        var names = CleanNames(requested, labels.Noun);
        await AuthorizeEditAsync(urn, caller, add ? labels.AddWhat : labels.RemoveWhat, cancellationToken);
        if (add)
        {
            // A new tag is created; a glossary term must already exist.
            await EnsureReferencesAsync(labels.CreatedWhenMissing ? names : [], [], [], labels.CreatedWhenMissing ? [] : names, caller, cancellationToken);
        }

        List<string> Edit(IReadOnlyList<string> current) => add ? Union(current, names) : Except(current, names);
        return await EditAsync(urn, caller, add ? labels.AddWhat : labels.RemoveWhat, d => column is null
            ? labels.OnDataset(d, Edit(labels.OfDataset(d)))
            : WithColumn(d, column, c => labels.OnColumn(c, Edit(labels.OfColumn(c)))), cancellationToken);
    }

    /// <summary>
    /// Tags and glossary terms are edited the same way: a set of names on a dataset and on each column.
    /// </summary>
    private sealed record Labels(
        string Noun,
        bool CreatedWhenMissing,
        string AddWhat,
        string RemoveWhat,
        Func<Dataset, IReadOnlyList<string>> OfDataset,
        Func<Dataset, List<string>, Dataset> OnDataset,
        Func<SchemaField, IReadOnlyList<string>> OfColumn,
        Func<SchemaField, List<string>, SchemaField> OnColumn)
    {
        public static Labels Tags { get; } = new("tag", CreatedWhenMissing: true, "tag datasets", "untag datasets",
            d => d.Tags, (d, names) => d with { Tags = names }, c => c.Tags, (c, names) => c with { Tags = names });

        public static Labels GlossaryTerms { get; } = new("glossary term", CreatedWhenMissing: false, "attach glossary terms", "detach glossary terms",
            d => d.GlossaryTerms, (d, names) => d with { GlossaryTerms = names }, c => c.GlossaryTerms, (c, names) => c with { GlossaryTerms = names });
    }

    /// <summary>Checks the right to edit before an edit creates the tags, owners or domains it names.</summary>
    private async Task AuthorizeEditAsync(string urn, Caller caller, string what, CancellationToken cancellationToken)
    {
        caller.EnsureCanEdit(what, requireRole: false);
        if (!caller.CanEdit)
        {
            Urn.DatasetNameOf(urn);
            var dataset = await store.GetAsync<Dataset>(urn, cancellationToken) ?? throw CatalogException.NotFound($"No dataset has URN {urn}.");
            caller.EnsureCanEdit(dataset, what);
        }
    }

    private static Dataset WithColumn(Dataset dataset, string column, Func<SchemaField, SchemaField> edit)
    {
        var target = dataset.FindColumn(column) ?? throw CatalogException.NotFound($"Dataset {dataset.Name} has no column {InputEcho.Quote(column)}.");
        return dataset with { Columns = dataset.Columns.Select(c => c == target ? edit(c) : c).ToList() };
    }

    private static Dataset Merge(Dataset existing, bool isNew, DatasetUpsert input)
    {
        var columns = input.Columns is null ? existing.Columns : MergeColumns(existing.Columns, input.Columns);
        var structureChanged = !isNew && (columns.Count != existing.Columns.Count
            || columns.Zip(existing.Columns).Any(pair => pair.First.StructureDiffers(pair.Second)));
        return existing with
        {
            Platform = input.Platform ?? existing.Platform,
            Kind = input.Kind ?? existing.Kind,
            SourceDescription = input.Description ?? existing.SourceDescription,
            Columns = columns,
            SchemaVersion = structureChanged ? existing.SchemaVersion + 1 : existing.SchemaVersion,
            CustomProperties = input.CustomProperties ?? existing.CustomProperties,
            Tags = input.Tags ?? existing.Tags,
            Owners = input.Owners ?? existing.Owners,
            GlossaryTerms = input.GlossaryTerms ?? existing.GlossaryTerms,
            Domain = input.Domain ?? existing.Domain,
            ViewSql = input.ViewSql ?? existing.ViewSql,
            RowCount = input.RowCount ?? existing.RowCount,
            SizeBytes = input.SizeBytes ?? existing.SizeBytes,
            Removed = false,
        };
    }

    private static List<SchemaField> MergeColumns(IReadOnlyList<SchemaField> existing, IReadOnlyList<ColumnUpsert> columns) =>
        columns.Select((c, i) =>
        {
            var old = existing.FirstOrDefault(e => e.Name == c.Name);
            return new SchemaField
            {
                Name = c.Name,
                NativeType = c.Type ?? old?.NativeType,
                Nullable = c.Nullable ?? old?.Nullable ?? true,
                Ordinal = i + 1,
                SourceDescription = c.Description ?? old?.SourceDescription,
                EditedDescription = old?.EditedDescription,
                IsPrimaryKey = c.IsPrimaryKey ?? old?.IsPrimaryKey ?? false,
                ForeignKey = c.ForeignKey ?? old?.ForeignKey,
                Tags = c.Tags is null ? old?.Tags ?? [] : Union([], c.Tags),
                GlossaryTerms = c.GlossaryTerms is null ? old?.GlossaryTerms ?? [] : Union([], c.GlossaryTerms),
            };
        }).ToList();

    private static DatasetUpsert Validate(DatasetUpsert input)
    {
        if (input.Description is not null)
        {
            CheckLength(input.Description, "description");
        }

        if (input.Platform is not null && (input.Platform.Length is 0 or > 64 || input.Platform.Any(char.IsWhiteSpace)))
        {
            throw CatalogException.BadInput($"Platform {InputEcho.Quote(input.Platform)} must be 1–64 characters without spaces (e.g. duckdb, postgres, parquet, trino).");
        }

        if (input.RowCount < 0 || input.SizeBytes < 0)
        {
            throw CatalogException.BadInput("rowCount and sizeBytes cannot be negative.");
        }

        if (input.Columns is not null)
        {
            foreach (var column in input.Columns)
            {
                if (string.IsNullOrEmpty(column.Name) || column.Name.Length > 1024 || column.Name.Any(char.IsControl))
                {
                    throw CatalogException.BadInput($"Column name {InputEcho.Quote(column.Name)} of {input.Name} must be 1–1024 characters without control characters.");
                }

                if (column.Description is not null)
                {
                    CheckLength(column.Description, $"description of column {column.Name}");
                }

                if (column.ForeignKey is not null)
                {
                    DatasetName.Parse(column.ForeignKey.Dataset);
                }
            }

            var repeated = input.Columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
            {
                throw CatalogException.BadInput($"Column '{repeated.Key}' appears twice in {input.Name}.");
            }
        }

        return input with
        {
            Tags = input.Tags is null ? null : CleanNames(input.Tags, "tag", requireOne: false),
            GlossaryTerms = input.GlossaryTerms is null ? null : CleanNames(input.GlossaryTerms, "glossary term", requireOne: false),
            Domain = input.Domain is null ? null : CleanName(input.Domain, "domain"),
            Owners = input.Owners?.Select(o => o with { Owner = CleanName(o.Owner, "owner") }).DistinctBy(o => o.Owner).ToList(),
        };
    }

    /// <summary>Creates the tags, users, groups and domains an edit names; glossary terms must already exist.</summary>
    private async Task EnsureReferencesAsync(IEnumerable<string> tags, IEnumerable<Ownership> owners, IEnumerable<string?> domains, IEnumerable<string> terms, Caller caller, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var termNames = terms.Distinct().ToList();
        if (termNames.Count > 0)
        {
            var known = await store.GetManyAsync<GlossaryTerm>(termNames.Select(Urn.GlossaryTerm).ToList(), cancellationToken);
            var unknown = termNames.Where(t => !known.ContainsKey(Urn.GlossaryTerm(t))).ToList();
            if (unknown.Count > 0)
            {
                throw CatalogException.NotFound($"Unknown glossary term(s): {string.Join(", ", unknown)}. Create them with createGlossaryTerm first.");
            }
        }

        await EnsureAsync(tags.Distinct().Select(t => (Urn.Tag(t), (Func<Tag>)(() => Tag.Create(t, now)))), caller, cancellationToken);
        await EnsureAsync(domains.OfType<string>().Distinct().Select(d => (Urn.Domain(d), (Func<Domain>)(() => Domain.Create(d, now)))), caller, cancellationToken);
        var distinctOwners = owners.DistinctBy(o => (o.Owner, o.Kind)).ToList();
        await EnsureAsync(distinctOwners.Where(o => o.Kind == OwnerKind.User).Select(o => (Urn.User(o.Owner), (Func<User>)(() => User.Create(o.Owner, now)))), caller, cancellationToken);
        await EnsureAsync(distinctOwners.Where(o => o.Kind == OwnerKind.Group).Select(o => (Urn.Group(o.Owner), (Func<Group>)(() => Group.Create(o.Owner, now)))), caller, cancellationToken);
    }

    private async Task EnsureAsync<T>(IEnumerable<(string Urn, Func<T> Create)> wanted, Caller caller, CancellationToken cancellationToken) where T : class, ICatalogEntity
    {
        var list = wanted.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var known = await store.GetManyAsync<T>(list.Select(w => w.Urn).ToList(), cancellationToken);
        var missing = list.Where(w => !known.ContainsKey(w.Urn)).ToList();
        if (missing.Count > 0)
        {
            await store.SaveManyAsync(missing.Select(m => new EntityChange<T>(m.Urn, existing => existing ?? m.Create())).ToList(), caller.UserName, cancellationToken);
        }
    }

    private static List<string> Union(IReadOnlyList<string> current, IEnumerable<string> added) => current.Concat(added).Distinct(StringComparer.Ordinal).ToList();

    private static List<string> Except(IReadOnlyList<string> current, IReadOnlyCollection<string> removed) => current.Where(c => !removed.Contains(c)).ToList();

    internal static List<string> CleanNames(IEnumerable<string> names, string what, bool requireOne = true)
    {
        var list = names.Select(n => CleanName(n, what)).Distinct(StringComparer.Ordinal).ToList();
        if (requireOne && list.Count == 0)
        {
            throw CatalogException.BadInput($"Name at least one {what}.");
        }

        return list;
    }

    internal static string CleanName(string? name, string what)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 256 || trimmed.Any(char.IsControl))
        {
            throw CatalogException.BadInput($"A {what} name must be 1–256 characters without control characters (got {InputEcho.Quote(name)}).");
        }

        return trimmed;
    }

    private static void CheckLength(string text, string what)
    {
        if (text.Length > MaxTextLength)
        {
            throw CatalogException.BadInput($"The {what} is longer than {MaxTextLength} characters.");
        }
    }
}
