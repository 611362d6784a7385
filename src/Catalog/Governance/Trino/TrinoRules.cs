using System.Text.Json.Serialization;

namespace TownLake.Catalog.Governance.Trino;

/// <summary>
/// Trino's file-based access-control rules document (<c>security.config-file</c>): catalog, schema and table rules,
/// each matched in order, first match wins, no match denies.
/// </summary>
public sealed record TrinoRules(
    [property: JsonPropertyName("catalogs")] IReadOnlyList<TrinoCatalogRule> Catalogs,
    [property: JsonPropertyName("schemas")] IReadOnlyList<TrinoSchemaRule> Schemas,
    [property: JsonPropertyName("tables")] IReadOnlyList<TrinoTableRule> Tables);

/// <summary>A catalog rule: which catalogs a user or group may use, and how (<c>read-only</c>, <c>none</c>).</summary>
public sealed record TrinoCatalogRule(
    [property: JsonPropertyName("user"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? User,
    [property: JsonPropertyName("catalog")] string Catalog,
    [property: JsonPropertyName("allow")] string Allow);

/// <summary>A schema rule: nobody owns a schema through TownLake (no DDL).</summary>
public sealed record TrinoSchemaRule(
    [property: JsonPropertyName("catalog")] string Catalog,
    [property: JsonPropertyName("owner")] bool Owner);

/// <summary>A table rule: for a user or group (regexes; null matches anyone), the privileges on matching tables and per-column limits.</summary>
public sealed record TrinoTableRule(
    [property: JsonPropertyName("user"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? User,
    [property: JsonPropertyName("group"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Group,
    [property: JsonPropertyName("catalog"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Catalog,
    [property: JsonPropertyName("schema"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Schema,
    [property: JsonPropertyName("table"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Table,
    [property: JsonPropertyName("privileges")] IReadOnlyList<string> Privileges,
    [property: JsonPropertyName("columns"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TrinoColumnRule>? Columns);

/// <summary>A column limit: hidden (<c>allow: false</c>) or masked by an SQL expression.</summary>
public sealed record TrinoColumnRule(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("allow"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Allow,
    [property: JsonPropertyName("mask"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Mask);
