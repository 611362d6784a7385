using System.Text.Json.Serialization;

namespace TownLake.Catalog.Governance.Trino;

/// <summary>
/// The body Trino's <c>opa</c> access control posts (<c>{"input": {"context": …, "action": …}}</c>), as documented for
/// <c>opa.policy.uri</c>, <c>opa.policy.batched-uri</c> and the column-masking URIs.
/// </summary>
public sealed record OpaRequest([property: JsonPropertyName("input")] OpaInput? Input);

/// <summary>Who asks (<c>context.identity</c>) and what for (<c>action</c>).</summary>
public sealed record OpaInput(
    [property: JsonPropertyName("context")] OpaContext? Context,
    [property: JsonPropertyName("action")] OpaAction? Action);

/// <summary>The query's context: the identity Trino authenticated (and the Trino version, unused).</summary>
public sealed record OpaContext([property: JsonPropertyName("identity")] OpaIdentity? Identity);

/// <summary>The Trino user and the groups Trino's group provider gave them.</summary>
public sealed record OpaIdentity(
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("groups")] IReadOnlyList<string>? Groups);

/// <summary>
/// One operation (<c>SelectFromColumns</c>, <c>AccessCatalog</c>, <c>FilterTables</c>, <c>GetColumnMask</c>…) on one
/// resource, or, for the batched URIs, on each of <c>filterResources</c>.
/// </summary>
public sealed record OpaAction(
    [property: JsonPropertyName("operation")] string? Operation,
    [property: JsonPropertyName("resource")] OpaResource? Resource,
    [property: JsonPropertyName("filterResources")] IReadOnlyList<OpaResource?>? FilterResources);

/// <summary>The object an operation is about: exactly one of these is set.</summary>
public sealed record OpaResource(
    [property: JsonPropertyName("catalog")] OpaCatalog? Catalog,
    [property: JsonPropertyName("schema")] OpaSchema? Schema,
    [property: JsonPropertyName("table")] OpaTable? Table,
    [property: JsonPropertyName("column")] OpaColumn? Column,
    [property: JsonPropertyName("user")] OpaUser? User);

/// <summary>A catalog (<c>{"name": …}</c>).</summary>
public sealed record OpaCatalog([property: JsonPropertyName("name")] string? Name);

/// <summary>A schema of a catalog.</summary>
public sealed record OpaSchema(
    [property: JsonPropertyName("catalogName")] string? CatalogName,
    [property: JsonPropertyName("schemaName")] string? SchemaName);

/// <summary>A table, with the columns the operation touches (SelectFromColumns, FilterColumns).</summary>
public sealed record OpaTable(
    [property: JsonPropertyName("catalogName")] string? CatalogName,
    [property: JsonPropertyName("schemaName")] string? SchemaName,
    [property: JsonPropertyName("tableName")] string? TableName,
    [property: JsonPropertyName("columns")] IReadOnlyList<string>? Columns);

/// <summary>One column and its Trino type (GetColumnMask).</summary>
public sealed record OpaColumn(
    [property: JsonPropertyName("catalogName")] string? CatalogName,
    [property: JsonPropertyName("schemaName")] string? SchemaName,
    [property: JsonPropertyName("tableName")] string? TableName,
    [property: JsonPropertyName("columnName")] string? ColumnName,
    [property: JsonPropertyName("columnType")] string? ColumnType);

/// <summary>Another user (ViewQueryOwnedBy, KillQueryOwnedBy, ImpersonateUser).</summary>
public sealed record OpaUser([property: JsonPropertyName("user")] string? User);
